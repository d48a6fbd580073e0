package dev.chippy.testsupport;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Kafka broker for a test: a container or an embedded KRaft broker, configured
 * alike. Spring tests get one through {@link KafkaInfrastructure}; tests of packaged
 * apps start one with {@link #start()}.
 */
public final class TestKafka implements AutoCloseable {

    /** The image the Testcontainers mode uses; the same Kafka version as the client and the embedded broker. */
    public static final String IMAGE = "apache/kafka:4.2.1";

    /**
     * Broker settings both modes share. A single broker holds the internal topics alone,
     * and transactions left open by a killed client are aborted within seconds, so that
     * crash tests recover quickly.
     */
    static final Map<String, String> BROKER_SETTINGS = Map.of(
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "3",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "transaction.state.log.num.partitions", "3",
            // Share groups (Kafka queues) keep their state in a topic of their own, by default on three brokers.
            "share.coordinator.state.topic.replication.factor", "1",
            "share.coordinator.state.topic.min.isr", "1",
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000",
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "false");

    private final EmbeddedKafkaKraftBroker embedded;
    private final KafkaContainer container;

    private TestKafka(EmbeddedKafkaKraftBroker embedded, KafkaContainer container) {
        this.embedded = embedded;
        this.container = container;
    }

    /** Starts a broker in the mode {@link Infrastructure#chosen()} says. */
    public static TestKafka start() {
        return Infrastructure.chosen() == Infrastructure.CONTAINERS ? startContainer() : startEmbedded();
    }

    public static TestKafka startEmbedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(BROKER_SETTINGS);
        broker.afterPropertiesSet();
        return new TestKafka(broker, null);
    }

    public static TestKafka startContainer() {
        KafkaContainer container = newContainer();
        container.start();
        return new TestKafka(null, container);
    }

    /**
     * The broker's JVM in a container, in place of the image's G1 and full JIT
     * ({@code kafka-run-class.sh} takes them from this variable): a test broker lives for
     * seconds and carries a few thousand records, and a test run starts dozens of them, so
     * starting quickly is what counts. About a quarter less work per start, measured.
     */
    static final String TEST_BROKER_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    /** A broker container, not yet started (Spring starts it when it is a bean). */
    public static KafkaContainer newContainer() {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(IMAGE));
        BROKER_SETTINGS.forEach((key, value) ->
                container.withEnv("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        container.withEnv("KAFKA_JVM_PERFORMANCE_OPTS", TEST_BROKER_JVM);
        return container;
    }

    public String bootstrapServers() {
        return embedded != null ? embedded.getBrokersAsString() : container.getBootstrapServers();
    }

    public List<String> bootstrapServerList() {
        return Arrays.asList(bootstrapServers().split(","));
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.destroy();
        } else {
            container.stop();
        }
    }
}
