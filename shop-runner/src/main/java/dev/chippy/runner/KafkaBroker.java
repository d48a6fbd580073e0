package dev.chippy.runner;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker, run from the {@code kafka_2.13} jars in a JVM of its own: KRaft, a
 * node that is both broker and controller, its storage formatted with Kafka's own
 * {@code StorageTool} before the first start. It can be stopped, killed, paused and started
 * again on the same data and port, which is what the fault tests do to it.
 */
public final class KafkaBroker {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The broker's JVM in a demo or a test's shop: a few orders a second on a small machine.
     * The quick JIT and the serial collector make it start on about half the CPU time; a
     * broker under real load wants the defaults (C2, G1), which is what the benchmark runs.
     */
    public static final List<String> QUICK_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final int nodeId;
    private final Path dir;
    private final Path logs;
    private final List<String> jvm;
    private final Path archive;
    private final Path properties;
    private final String bootstrapServers;
    private volatile ChildProcess process;

    private KafkaBroker(int nodeId, Path dir, Path logs, List<String> jvm, Path archive, Path properties, String bootstrapServers) {
        this.nodeId = nodeId;
        this.dir = dir;
        this.logs = logs;
        this.jvm = jvm;
        this.archive = archive;
        this.properties = properties;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Launches a broker on {@code port} (its controller on {@code controllerPort}), keeping its
     * data in {@code dir}, and formats the storage first when {@code dir} holds none yet.
     * Returns once the process runs; {@link #awaitReady()} waits until it answers.
     */
    public static KafkaBroker launch(Path dir, Path logs, String classpath, int port, int controllerPort) {
        return launch(dir, logs, classpath, port, controllerPort, Map.of());
    }

    /**
     * The same, with settings beyond Chippy's own appended to its {@code server.properties}
     * (a later line wins): what the benchmark uses to test what a broker setting does.
     */
    public static KafkaBroker launch(Path dir, Path logs, String classpath, int port, int controllerPort,
                                     Map<String, String> overrides) {
        return launch(dir, logs, classpath, List.of(), port, controllerPort, overrides);
    }

    /** The same, its JVM given {@code jvmOptions} as well ({@link #QUICK_JVM} for a demo). */
    public static KafkaBroker launch(Path dir, Path logs, String classpath, List<String> jvmOptions, int port, int controllerPort,
                                     Map<String, String> overrides) {
        StringBuilder properties = new StringBuilder(
                serverProperties(1, dir.resolve("data"), port, controllerPort, "1@localhost:" + controllerPort, 1));
        overrides.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        KafkaBroker broker = prepare(dir, logs, classpath, jvmOptions, port, properties.toString(), Uuid.randomUuid().toString(), "kafka");
        broker.start();
        return broker;
    }

    /**
     * Writes the configuration of node {@code nodeId} of a cluster and formats its storage
     * (with the cluster's id) when {@code dir} holds none yet; {@link #start()} launches it.
     */
    static KafkaBroker prepare(Path dir, Path logs, String classpath, List<String> jvmOptions, int port, String serverProperties,
                               String clusterId, String name) {
        try {
            Path data = Files.createDirectories(dir.resolve("data"));
            Path properties = dir.resolve("server.properties");
            Files.writeString(properties, serverProperties);
            Path logging = dir.resolve("logback.xml");
            try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-logback.xml")) {
                Files.copy(in, logging, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
            jvm.addAll(jvmOptions);
            jvm.addAll(List.of("-cp", classpath, "-Dlogback.configurationFile=" + logging,
                    "-Dchippy.kafka.log=" + logs.resolve(name + ".log")));
            Path archive = archive(classpath, jvm);
            if (!Files.exists(data.resolve("meta.properties"))) {
                format(jvm, archive, properties, clusterId, logs.resolve(name + "-format.log"));
            }
            int nodeId = Integer.parseInt(serverProperties.lines().filter(line -> line.startsWith("node.id="))
                    .findFirst().orElseThrow().substring("node.id=".length()));
            return new KafkaBroker(nodeId, dir, logs.resolve(name + "-console.log"), List.copyOf(jvm), archive, properties, "localhost:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the broker's process on its data and port (again, after a stop or a kill). Node 1
     * writes the archive of the broker's classes when it stops, if there is none yet.
     */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker " + nodeId + " is running already");
        }
        List<String> options = new ArrayList<>(ServiceLaunch.archiveOptions(archive, nodeId == 1));
        options.addAll(jvm);
        process = ChildProcess.startJava("kafka-" + nodeId, options, List.of("kafka.Kafka", properties.toString()), logs,
                process != null);
    }

    /**
     * Where the archive of the broker's classes is kept (see {@link ServiceLaunch}): beside the
     * libraries it was made from, named for exactly them, the JVM's options and the JDK, so a
     * new build, another Kafka or another JDK gets an archive of its own. A broker starts on
     * about a third less CPU time with one.
     */
    private static Path archive(String classpath, List<String> jvm) {
        StringBuilder identity = new StringBuilder(Runtime.version().toString()).append('\n');
        jvm.stream().filter(option -> option.startsWith("-X")).forEach(option -> identity.append(option).append('\n'));
        List<Path> jars = Stream.of(classpath.split(File.pathSeparator)).map(Path::of).toList();
        try {
            for (Path jar : jars) {
                identity.append(jar).append(' ').append(Files.size(jar)).append(' ').append(Files.getLastModifiedTime(jar)).append('\n');
            }
        } catch (IOException e) {
            return null; // no archive, then
        }
        String name = "kafka-" + UUID.nameUUIDFromBytes(identity.toString().getBytes(StandardCharsets.UTF_8));
        try {
            return Files.createDirectories(jars.get(0).getParent().resolveSibling("class-data")).resolve(ServiceLaunch.archiveName(name));
        } catch (IOException e) {
            return null;
        }
    }

    private static void format(List<String> jvm, Path archive, Path properties, String clusterId, Path log) {
        List<String> quick = new ArrayList<>(jvm);
        quick.add(0, "-XX:TieredStopAtLevel=1");
        quick.addAll(0, ServiceLaunch.archiveOptions(archive, false));
        ChildProcess format = ChildProcess.startJava("kafka-storage-format", quick, List.of("kafka.tools.StorageTool",
                "format", "-t", clusterId, "-c", properties.toString()), log);
        try {
            if (!format.process().waitFor(60, TimeUnit.SECONDS) || format.process().exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka's storage failed:\n" + format.tail(20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka's storage", e);
        }
    }

    /** Waits until the broker answers requests. */
    public void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka stopped while starting:\n" + process.tail(30));
                }
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // still starting
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka did not start within " + READY_TIMEOUT.toSeconds() + " s:\n"
                            + process.tail(30));
                }
            }
        }
    }

    /** One KRaft node, sized for one machine: every internal topic has one replica. */
    public static String serverProperties(Path data, int port, int controllerPort) {
        return serverProperties(1, data, port, controllerPort, "1@localhost:" + controllerPort, 1);
    }

    /**
     * Node {@code nodeId} of a KRaft cluster whose controllers are {@code voters}, every node both
     * broker and controller. With {@code replicas} of 3 it has what a real cluster needs: every
     * internal topic on three brokers, and nothing acknowledged to an {@code acks=all} producer
     * until two of them have it ({@code min.insync.replicas=2}), so one broker can die, even
     * with {@code kill -9}, without losing anything acknowledged.
     */
    public static String serverProperties(int nodeId, Path data, int port, int controllerPort, String voters, int replicas) {
        int minInSync = Math.max(1, replicas - 1);
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + nodeId,
                "controller.quorum.voters=" + voters,
                // Plaintext, no authentication: this machine only, whatever --bind says.
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "default.replication.factor=" + replicas,
                "min.insync.replicas=" + minInSync,
                "unclean.leader.election.enable=false",
                "offsets.topic.replication.factor=" + replicas,
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=" + replicas,
                "transaction.state.log.min.isr=" + minInSync,
                "transaction.state.log.num.partitions=6",
                "group.initial.rebalance.delay.ms=0",
                "share.coordinator.state.topic.replication.factor=" + replicas,
                "share.coordinator.state.topic.min.isr=" + minInSync,
                "");
    }

    public int nodeId() {
        return nodeId;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public ChildProcess process() {
        return process;
    }

    /** Stops the broker gracefully (SIGTERM): it hands its partitions over and closes its logs cleanly. */
    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    /** Kills the broker outright ({@code kill -9}): no controlled shutdown, no flush. */
    public void kill() {
        process.kill();
    }

    /** Freezes the broker ({@code kill -STOP}): its connections stay open, it answers nothing. */
    public void pause() {
        process.pause();
    }

    /** Lets a paused broker go on ({@code kill -CONT}). */
    public void resume() {
        process.resume();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }
}
