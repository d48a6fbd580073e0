package dev.chippy.service.kafka;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;

/**
 * The readable name of one worker of the shop ({@code preparer-1}, {@code cook-1}). It
 * appears in every status the worker reports, as its Kafka consumer's client id (so the
 * consumer group shows who owns which partitions), and in its transactional id.
 *
 * <p>Names must be unique among running workers: two workers with one transactional id
 * would fence each other. A restarted worker that keeps its name fences its own earlier
 * incarnation, which aborts whatever transaction that one left open.
 */
public record WorkerIdentity(String name) {

    public WorkerIdentity {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a worker needs a name");
        }
    }

    /** The configured name, or the role with a random suffix ({@code preparer-3fa9}) when none is configured. */
    public static WorkerIdentity of(String configured, String role) {
        if (configured != null && !configured.isBlank()) {
            return new WorkerIdentity(configured);
        }
        return new WorkerIdentity(role + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt()));
    }

    public String transactionIdPrefix() {
        return "chippy-" + name + "-";
    }

    /** Gives the worker's producers its own transactional ids. */
    public DefaultKafkaProducerFactoryCustomizer producerCustomizer() {
        return factory -> factory.setTransactionIdPrefix(transactionIdPrefix());
    }

    /** Names the worker's consumers after it. */
    public DefaultKafkaConsumerFactoryCustomizer consumerCustomizer() {
        return factory -> factory.updateConfigs(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, name));
    }

    @Override
    public String toString() {
        return name;
    }
}
