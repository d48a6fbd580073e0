package dev.chippy.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.testcontainers.DockerClientFactory;

/**
 * Where the integration tests get their real Kafka broker and real PostgreSQL.
 *
 * <ul>
 *   <li>{@code containers}: Testcontainers ({@code apache/kafka}, {@code postgres}), wired
 *       with {@code @ServiceConnection}; needs Docker.</li>
 *   <li>{@code embedded}: spring-kafka-test's embedded KRaft broker and zonky's embedded
 *       PostgreSQL (real PostgreSQL binaries); needs nothing but the JVM.</li>
 * </ul>
 *
 * The mode is picked once per JVM: {@code containers} when Docker answers and can serve both
 * images (they are there, or a registry is reachable to pull them from), else {@code embedded},
 * so that an engine without a registry never costs every test class a pull that cannot
 * succeed. Force it with {@code -Dchippy.test.infrastructure=containers|embedded} or the
 * environment variable {@code CHIPPY_TEST_INFRASTRUCTURE}.
 */
public enum Infrastructure {

    CONTAINERS, EMBEDDED;

    public static final String PROPERTY = "chippy.test.infrastructure";
    public static final String ENVIRONMENT_VARIABLE = "CHIPPY_TEST_INFRASTRUCTURE";

    private static volatile Infrastructure chosen;

    /** The mode of this JVM, decided on first use. */
    public static Infrastructure chosen() {
        Infrastructure mode = chosen;
        if (mode == null) {
            synchronized (Infrastructure.class) {
                mode = chosen;
                if (mode == null) {
                    mode = decide();
                    chosen = mode;
                }
            }
        }
        return mode;
    }

    private static Infrastructure decide() {
        String wanted = System.getProperty(PROPERTY, System.getenv().getOrDefault(ENVIRONMENT_VARIABLE, "auto"))
                .trim().toLowerCase(Locale.ROOT);
        Infrastructure mode;
        String why;
        switch (wanted) {
            case "containers" -> {
                mode = CONTAINERS;
                why = "as asked";
            }
            case "embedded" -> {
                mode = EMBEDDED;
                why = "as asked";
            }
            case "auto", "" -> {
                why = reasonContainersCannotRun();
                mode = why == null ? CONTAINERS : EMBEDDED;
                if (why == null) {
                    why = "Docker answers and can serve " + IMAGES;
                }
            }
            default -> throw new IllegalArgumentException(
                    PROPERTY + " must be auto, containers or embedded, was '" + wanted + "'");
        }
        System.out.println("[chippy] Integration tests use " + mode.description() + " (" + why
                + "; set -D" + PROPERTY + "=containers|embedded to choose).");
        return mode;
    }

    public String description() {
        return this == CONTAINERS
                ? "Testcontainers (" + String.join(", ", IMAGES) + ")"
                : "an embedded KRaft Kafka broker and embedded PostgreSQL";
    }

    /** The images the containers mode runs. */
    static final List<String> IMAGES = List.of(TestKafka.IMAGE, TestPostgres.IMAGE);

    /** Where images are pulled from when the engine has no mirror configured. */
    private static final String REGISTRY_HOST = "registry-1.docker.io";

    /** Why the containers mode cannot run here, or {@code null} when it can. */
    private static String reasonContainersCannotRun() {
        if (!dockerAnswers()) {
            return "no Docker found";
        }
        List<String> missing = IMAGES.stream().filter(image -> !imagePresent(image)).toList();
        if (missing.isEmpty() || registryReachable()) {
            return null;
        }
        return "Docker answers, but " + String.join(" and ", missing)
                + " are not there and no registry can be reached to pull them";
    }

    private static boolean imagePresent(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (RuntimeException notThere) {
            return false;
        }
    }

    /** A quick look (two seconds at most) instead of a pull that retries for minutes. */
    private static boolean registryReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(REGISTRY_HOST, 443), 2000);
            return true;
        } catch (IOException | RuntimeException unreachable) {
            return false;
        }
    }

    /**
     * Asks Testcontainers only when a Docker endpoint could exist, so that a machine
     * without Docker gets one line above instead of Testcontainers' stack traces.
     */
    static boolean dockerAnswers() {
        boolean endpointMayExist = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!endpointMayExist) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
