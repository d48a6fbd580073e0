package dev.chippy.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker, run from the {@code kafka_2.13} jars in a JVM of its own: KRaft,
 * one node that is both broker and controller, its storage formatted with Kafka's own
 * {@code StorageTool} before the first start.
 */
public final class KafkaBroker {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaBroker(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Launches a broker on {@code port} (its controller on {@code controllerPort}), keeping its
     * data in {@code dir}, and formats the storage first when {@code dir} holds none yet.
     * Returns once the process runs; {@link #awaitReady()} waits until it answers.
     */
    public static KafkaBroker launch(Path dir, Path logs, String classpath, int port, int controllerPort) {
        try {
            Path data = Files.createDirectories(dir.resolve("data"));
            Path properties = dir.resolve("server.properties");
            Files.writeString(properties, serverProperties(data, port, controllerPort));
            Path logging = dir.resolve("logback.xml");
            try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-logback.xml")) {
                Files.copy(in, logging, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> jvm = List.of("-Xmx1g", "-cp", classpath, "-Dlogback.configurationFile=" + logging,
                    "-Dchippy.kafka.log=" + logs.resolve("kafka.log"));
            if (!Files.exists(data.resolve("meta.properties"))) {
                format(jvm, properties, logs);
            }
            ChildProcess broker = ChildProcess.startJava("kafka", jvm, List.of("kafka.Kafka", properties.toString()),
                    logs.resolve("kafka-console.log"));
            return new KafkaBroker(broker, "localhost:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(List<String> jvm, Path properties, Path logs) {
        List<String> quick = new java.util.ArrayList<>(jvm);
        quick.add(0, "-XX:TieredStopAtLevel=1");
        ChildProcess format = ChildProcess.startJava("kafka-storage-format", quick, List.of("kafka.tools.StorageTool",
                "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString()), logs.resolve("kafka-format.log"));
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
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                // Plaintext, no authentication: this machine only, whatever --bind says.
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=6",
                "group.initial.rebalance.delay.ms=0",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "") ;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public ChildProcess process() {
        return process;
    }

    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }
}
