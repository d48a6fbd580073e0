package dev.chippy.service.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** A docker compose container's name ends in its replica number: chippy-preparer-service-2. */
    private static final Pattern REPLICA = Pattern.compile("^[^.]*-(\\d+)(\\.|$)");

    public WorkerIdentity {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a worker needs a name");
        }
    }

    /** The configured name, or the role with a random suffix ({@code preparer-3fa9}) when none is configured. */
    public static WorkerIdentity of(String configured, String role) {
        return of(configured, role, false);
    }

    /**
     * The configured name; else, when {@code fromReplica}, the role and the replica number
     * docker compose gave this container ({@code preparer-2} for {@code chippy-preparer-service-2},
     * found by the reverse DNS name of its own address); else the role with a random suffix.
     */
    public static WorkerIdentity of(String configured, String role, boolean fromReplica) {
        if (configured != null && !configured.isBlank()) {
            return new WorkerIdentity(configured);
        }
        if (fromReplica) {
            String replica = replicaNumber(reverseDnsName());
            if (replica != null) {
                return new WorkerIdentity(role + "-" + replica);
            }
        }
        return new WorkerIdentity(role + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt()));
    }

    /** "3" from "chippy-preparer-service-3.chippy_default"; null when the name has no replica number. */
    static String replicaNumber(String hostName) {
        if (hostName == null) {
            return null;
        }
        Matcher matcher = REPLICA.matcher(hostName);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String reverseDnsName() {
        try {
            InetAddress self = InetAddress.getLocalHost();
            return InetAddress.getByAddress(self.getAddress()).getCanonicalHostName();
        } catch (UnknownHostException e) {
            return null;
        }
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
