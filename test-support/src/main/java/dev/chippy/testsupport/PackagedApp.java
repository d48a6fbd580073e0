package dev.chippy.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.chippy.port.Ports;

import static org.awaitility.Awaitility.await;

/**
 * A Chippy service started from its packaged jar, in its own JVM, as it is deployed:
 * the proof that the jar holds everything it needs (a starter missing from the jar is
 * hidden from in-process tests by the test classpath). It can be stopped gracefully
 * (SIGTERM) or killed outright (SIGKILL) for crash tests.
 */
public final class PackagedApp implements AutoCloseable {

    /** System property that failsafe sets to the module's own packaged jar. */
    public static final String JAR_PROPERTY = "chippy.app.jar";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private PackagedApp(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** The jar of the module under test, as failsafe reports it. */
    public static Builder ofThisModule(String name) {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null) {
            throw new IllegalStateException("-D" + JAR_PROPERTY + " is not set; run this test with failsafe (mvn verify)");
        }
        return new Builder(name, Path.of(jar));
    }

    public static Builder of(String name, Path jar) {
        return new Builder(name, jar);
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the process at once (SIGKILL): no shutdown hook, no commit, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** Asks the process to stop (SIGTERM) and waits for it to finish its shutdown. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", port " + port + ", log " + log + ")";
    }

    public static final class Builder {

        private final String name;
        private final Path jar;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC"));
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder(String name, Path jar) {
            this.name = name;
            this.jar = jar;
        }

        /** A Spring property, passed as {@code --key=value}. */
        public Builder property(String key, Object value) {
            properties.put(key, String.valueOf(value));
            return this;
        }

        public Builder environment(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Starts the process and waits until its readiness probe says it is ready. */
        public PackagedApp start() {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " does not exist; package the module first");
            }
            int port = properties.containsKey("server.port")
                    ? Integer.parseInt(properties.get("server.port")) : Ports.free(0);
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar.toString());
            command.add("--server.port=" + port);
            properties.forEach((key, value) -> {
                if (!key.equals("server.port")) {
                    command.add("--" + key + "=" + value);
                }
            });
            try {
                Path logs = Files.createDirectories(jar.toAbsolutePath().getParent().resolve("app-logs"));
                Path log = logs.resolve(name + "-" + System.currentTimeMillis() + ".log");
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                builder.environment().putAll(environment);
                PackagedApp app = new PackagedApp(name, port, builder.start(), log);
                try {
                    await(name + " is ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                            .until(() -> {
                                if (!app.isAlive()) {
                                    throw new IllegalStateException(name + " exited with " + app.process.exitValue()
                                            + "; see " + log + ":\n" + tail(log));
                                }
                                return ready(app.url("/actuator/health/readiness"));
                            });
                } catch (RuntimeException e) {
                    app.process.destroyForcibly();
                    throw e;
                }
                return app;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static boolean ready(String url) {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(log unreadable: " + e + ")";
            }
        }
    }
}
