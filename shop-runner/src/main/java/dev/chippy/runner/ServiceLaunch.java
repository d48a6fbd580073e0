package dev.chippy.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How a service's jar is launched quickly. Each jar is unpacked once into
 * {@code .chippy/apps/<module>} (Spring Boot's {@code jarmode=tools extract}), which starts
 * faster than the packed jar, and gets an archive of its classes: the first run writes it
 * when the shop closes, later runs map it and start with about half the work. On JDK 25 and
 * later that is an AOT cache ({@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}; JEP 483
 * and 514), which also keeps the classes linked and starts a further sixth faster; before 25,
 * a dynamic class-data-sharing archive ({@code -XX:ArchiveClassesAtExit}, then
 * {@code -XX:SharedArchiveFile}). A new build of the jar unpacks again and starts a new archive.
 */
public final class ServiceLaunch {

    private final Path jar;
    private final Path archive;
    private final boolean writesArchive;

    private ServiceLaunch(Path jar, Path archive, boolean writesArchive) {
        this.jar = jar;
        this.archive = archive;
        this.writesArchive = writesArchive;
    }

    /** Unpacks {@code module}'s jar into {@code apps/<module>} unless it is there already; returns the unpacked jar. */
    public static Path unpacked(Path packedJar, Path apps, String module) {
        Path dir = apps.resolve(module);
        Path unpacked = dir.resolve(packedJar.getFileName());
        try {
            if (!Files.exists(unpacked) || Files.getLastModifiedTime(unpacked).compareTo(Files.getLastModifiedTime(packedJar)) < 0) {
                unpack(packedJar, dir);
                Files.setLastModifiedTime(unpacked, FileTime.fromMillis(System.currentTimeMillis()));
            }
            return unpacked;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + packedJar, e);
        }
    }

    /**
     * A launch of the unpacked jar; {@code archiveWriter} says whether this launch may write the
     * archive (only one process of a module should).
     */
    public static ServiceLaunch of(Path unpacked, boolean archiveWriter) {
        // An archive fits one JDK only: each JDK that runs the shop gets its own.
        Path archive = unpacked.resolveSibling(archiveName("classes-" + Runtime.version().feature() + "-" + Runtime.version().update()));
        return new ServiceLaunch(unpacked, archive, !Files.exists(archive) && archiveWriter);
    }

    /**
     * A launch with a chosen archive: mapped when it exists, written at exit when it does not
     * and {@code write} says so; {@code null} for none at all.
     */
    public static ServiceLaunch withArchive(Path unpacked, Path archive, boolean write) {
        return new ServiceLaunch(unpacked, archive, archive != null && write);
    }

    /** The JVM options and {@code -jar} for this launch. */
    public List<String> arguments() {
        List<String> arguments = new ArrayList<>(archiveOptions(archive, writesArchive));
        arguments.add("-jar");
        arguments.add(jar.toString());
        return arguments;
    }

    /**
     * {@code name} with the extension of the archive this JDK makes: {@code .aot} for an AOT
     * cache (JDK 25 and later), {@code .jsa} for a dynamic class-data-sharing archive.
     */
    public static String archiveName(String name) {
        return name + (Runtime.version().feature() >= 25 ? ".aot" : ".jsa");
    }

    /**
     * The JVM options that map {@code archive} when it exists, or write it when the JVM exits
     * if {@code write} says so; none for a {@code null} archive. An archive that does not fit
     * (made by another JDK, or for other classes) is ignored, quietly.
     */
    static List<String> archiveOptions(Path archive, boolean write) {
        List<String> options = new ArrayList<>();
        if (archive == null) {
            return options;
        }
        boolean aot = archive.getFileName().toString().endsWith(".aot");
        if (Files.exists(archive)) {
            options.add((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
        } else if (write) {
            options.add((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive);
        }
        options.add("-Xlog:cds=off");
        options.add("-Xlog:cds+dynamic=off");
        if (aot) {
            options.add("-Xlog:aot=off");
        }
        return options;
    }

    private static void unpack(Path packedJar, Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        Process extract = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djarmode=tools", "-jar", packedJar.toString(), "extract", "--destination", dir.toString(), "--force")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0) {
                throw new IOException("extracting " + packedJar + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + packedJar, e);
        }
    }
}
