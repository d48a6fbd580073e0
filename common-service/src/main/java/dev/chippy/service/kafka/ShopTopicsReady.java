package dev.chippy.service.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;

import dev.chippy.event.OrderEvent;
import dev.chippy.topic.ShopTopic;

/**
 * Runs when the service starts, before any listener or publisher does, and does two things.
 *
 * <p>It refuses to start a shop whose topics have unequal partition counts. Every event of an
 * order is keyed by the order id, so it lands on the same partition number of every topic that
 * carries order events, and so with one record-keeper thread, which keeps an order's statuses
 * in order. That holds only while those topics have the same number of partitions; a
 * dead-letter topic needs at least as many as its topic, since a dead letter keeps its partition.
 *
 * <p>It waits until every partition of every shop topic and dead-letter topic is led by a
 * broker that answers for it: asked for its end offset, the leader answers. A topic that has
 * only just been created is announced in the metadata a moment before its leader serves it.
 * An idempotent producer that writes into that moment gets {@code NOT_LEADER_OR_FOLLOWER} for
 * its first request while a later one is appended, after which the first can only get
 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until its delivery timeout: the broker accepted
 * the later request as the partition's first (KAFKA-15591). If Kafka is not there at all, the wait gives up after {@code timeout} and
 * the service starts anyway (its readiness and its retries take it from there).
 */
public class ShopTopicsReady implements SmartInitializingSingleton {

    private static final Log LOG = LogFactory.getLog(ShopTopicsReady.class);

    private final KafkaAdmin kafkaAdmin;
    private final Duration timeout;

    public ShopTopicsReady(KafkaAdmin kafkaAdmin, Duration timeout) {
        this.kafkaAdmin = kafkaAdmin;
        this.timeout = timeout;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        List<String> topics = new ArrayList<>();
        for (ShopTopic topic : ShopTopic.values()) {
            topics.add(topic.topicName());
            topics.add(topic.deadLetterTopicName());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Admin admin = Admin.create(config);
        try {
            while (System.nanoTime() < deadline) {
                Map<String, TopicDescription> described = describe(admin, topics);
                if (described != null) {
                    checkPartitionCounts(described);
                    if (allServed(admin, described)) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
            LOG.warn("Not every shop topic has a partition leader after " + timeout.toSeconds() + " s; starting anyway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Without a broker, requests may still be pending: they are dropped, not waited for.
            admin.close(Duration.ZERO);
        }
    }

    /**
     * Throws when the topics that carry order events differ in partition count, or a
     * dead-letter topic has fewer partitions than its topic.
     */
    static void checkPartitionCounts(Map<String, TopicDescription> described) {
        Map<String, Integer> counts = new TreeMap<>();
        described.forEach((name, topic) -> counts.put(name, topic.partitions().size()));
        Map<String, Integer> orderTopics = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ShopTopic topic : ShopTopic.values()) {
            Integer partitions = counts.get(topic.topicName());
            Integer deadLetterPartitions = counts.get(topic.deadLetterTopicName());
            if (partitions == null) {
                continue;
            }
            if (topic.events().stream().allMatch(OrderEvent.class::isAssignableFrom)) {
                orderTopics.put(topic.topicName(), partitions);
            }
            if (deadLetterPartitions != null && deadLetterPartitions < partitions) {
                problems.add(topic.deadLetterTopicName() + " has " + deadLetterPartitions + " partitions, fewer than "
                        + topic.topicName() + "'s " + partitions + " (a dead letter keeps its partition number)");
            }
        }
        if (orderTopics.values().stream().distinct().count() > 1) {
            problems.add(0, "the topics that carry an order's events must have the same number of partitions, so that"
                    + " every event of an order lands on the same partition number of each, but they have " + orderTopics);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The shop's Kafka topics are laid out unequally: " + String.join("; ", problems)
                    + ". Give them equal partition counts (kafka-topics.sh --alter --partitions N, or recreate them)"
                    + " and set chippy.kafka.partitions to N.");
        }
    }

    /** The topics, once all of them exist with a leader for every partition; null until then. */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> topics) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(2, TimeUnit.SECONDS);
            boolean led = described.values().stream().flatMap(topic -> topic.partitions().stream())
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
            return led ? described : null;
        } catch (Exception notYet) {
            return null;
        }
    }

    /** True when the leader of every partition answers for it (an end offset comes back). */
    private static boolean allServed(Admin admin, Map<String, TopicDescription> described) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(topic -> topic.partitions().forEach(partition ->
                latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        try {
            admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }
}
