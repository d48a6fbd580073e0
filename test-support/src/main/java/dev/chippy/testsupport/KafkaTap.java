package dev.chippy.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.chippy.event.ShopEvent;
import dev.chippy.event.ShopJson;
import dev.chippy.topic.ShopTopic;

import static org.awaitility.Awaitility.await;

/**
 * Reads topics from the beginning, as a {@code read_committed} consumer outside any group,
 * and keeps every record it sees, so a test can wait for what it expects:
 * {@code await().until(() -> tap.events(ORDER_STATUS, OrderStatusChanged.class), hasSize(3))}.
 * It sees only committed transactions, as Chippy's own readers do.
 */
public final class KafkaTap implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, List<ConsumerRecord<String, byte[]>>> records = new ConcurrentHashMap<>();
    /** How far the tap has read each partition, noted by the poller (the consumer is not thread-safe). */
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Thread poller;

    private KafkaTap(String bootstrapServers, List<String> topics) {
        this.bootstrapServers = bootstrapServers;
        consumer = newConsumer(bootstrapServers);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            records.put(topic, new CopyOnWriteArrayList<>());
            await("topic " + topic + " exists").atMost(Duration.ofSeconds(60))
                    .until(() -> !consumer.partitionsFor(topic).isEmpty());
            for (PartitionInfo partition : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = new Thread(this::poll, "kafka-tap");
        poller.setDaemon(true);
        poller.start();
    }

    private static KafkaConsumer<String, byte[]> newConsumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Starts reading the given topics (which must exist or be about to) from their beginning. */
    public static KafkaTap open(String bootstrapServers, String... topics) {
        return new KafkaTap(bootstrapServers, List.of(topics));
    }

    /** Taps shop topics and, for each, its dead-letter topic. */
    public static KafkaTap open(String bootstrapServers, ShopTopic... topics) {
        List<String> names = new ArrayList<>();
        for (ShopTopic topic : topics) {
            names.add(topic.topicName());
            names.add(topic.deadLetterTopicName());
        }
        return new KafkaTap(bootstrapServers, names);
    }

    private void poll() {
        try {
            while (open.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    records.get(record.topic()).add(record);
                }
                notePositions();
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    /**
     * Waits until the tap has read every partition of {@code topic} as far as it is committed
     * now. Seeing a record written last on one partition says nothing of the others: each is
     * read on its own.
     */
    public void awaitCaughtUp(String topic) {
        Map<TopicPartition, Long> committedEnds;
        try (KafkaConsumer<String, byte[]> ends = newConsumer(bootstrapServers)) {
            List<TopicPartition> partitions = ends.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            committedEnds = ends.endOffsets(partitions);
        }
        await("the tap has read " + topic + " up to " + committedEnds).atMost(Duration.ofSeconds(30)).until(() ->
                committedEnds.entrySet().stream().allMatch(end -> positions.getOrDefault(end.getKey(), -1L) >= end.getValue()));
    }

    private void notePositions() {
        for (TopicPartition partition : consumer.assignment()) {
            try {
                positions.put(partition, consumer.position(partition, Duration.ZERO));
            } catch (TimeoutException notKnownYet) {
                // The broker has not yet said where the partition begins; a later poll will.
            }
        }
    }

    /** Every record seen so far on a topic, in partition order within each partition. */
    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        List<ConsumerRecord<String, byte[]>> seen = records.get(topic);
        if (seen == null) {
            throw new IllegalArgumentException("this tap does not read " + topic);
        }
        return List.copyOf(seen);
    }

    /** Every event seen so far on a shop topic. */
    public List<ShopEvent> events(ShopTopic topic) {
        return records(topic.topicName()).stream()
                .map(record -> ShopJson.read(new String(record.value(), StandardCharsets.UTF_8)))
                .toList();
    }

    /** Every event of one type seen so far on a shop topic. */
    public <E extends ShopEvent> List<E> events(ShopTopic topic, Class<E> type) {
        return events(topic).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Records seen so far on a shop topic's dead-letter topic. */
    public List<ConsumerRecord<String, byte[]>> deadLetters(ShopTopic topic) {
        return records(topic.deadLetterTopicName());
    }

    @Override
    public void close() throws InterruptedException {
        if (open.compareAndSet(true, false)) {
            consumer.wakeup();
            poller.join();
        }
    }
}
