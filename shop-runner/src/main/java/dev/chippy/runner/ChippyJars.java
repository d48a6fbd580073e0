package dev.chippy.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Finds a service's packaged jar in the build output: {@code <module>/target/<module>-<version>.jar}. */
public final class ChippyJars {

    private ChippyJars() {
    }

    public static Path of(Path home, String module) {
        Path target = home.resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(module + "-") && name.endsWith(".jar");
            }).max(Comparator.comparing(file -> file.toFile().lastModified())).orElseThrow(() ->
                    new IllegalStateException("No jar of " + module + " in " + target + "; build first: ./mvnw -DskipTests package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
