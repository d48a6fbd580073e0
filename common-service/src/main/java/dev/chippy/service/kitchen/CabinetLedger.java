package dev.chippy.service.kitchen;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.chippy.event.CabinetStocked;
import dev.chippy.event.ShopEvent;
import dev.chippy.event.ShopJson;
import dev.chippy.topic.ShopTopic;

/**
 * The hot cabinets' history as the cabinet topic holds it, read with a {@code read_committed}
 * consumer of no group: the preparer that takes a cabinet over reads its stock back, the cook
 * watches the stock to top cabinets up, and the live board draws it. Not thread-safe: one
 * reader at a time.
 */
public final class CabinetLedger implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    /** Reading a cabinet's history takes a moment; longer means Kafka is not answering. */
    private static final Duration READING = Duration.ofSeconds(10);

    private final List<TopicPartition> partitions;
    private final KafkaConsumer<byte[], byte[]> committed;
    private final Map<String, Object> config;

    /**
     * @param consumerConfig how to reach Kafka (a service's consumer settings)
     * @param cabinets       the cabinets to read: their partitions of the cabinet topic
     */
    public CabinetLedger(Map<String, Object> consumerConfig, Collection<Integer> cabinets) {
        this.config = consumerConfig;
        this.partitions = cabinets.stream().map(cabinet -> new TopicPartition(ShopTopic.CABINET.topicName(), cabinet)).toList();
        this.committed = consumer(consumerConfig, IsolationLevel.READ_COMMITTED);
        committed.assign(partitions);
        committed.seekToBeginning(partitions);
    }

    /**
     * Waits until no transaction is open in the cabinets' partitions (the last stable offset is
     * the end): then everything written there before now is either committed or aborted, and
     * what {@link #readOn()} reads is all there will be of it. Gives up after {@code wait}.
     *
     * @return whether no transaction was open
     */
    public boolean awaitNoOpenTransactions(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try (KafkaConsumer<byte[], byte[]> everything = consumer(config, IsolationLevel.READ_UNCOMMITTED)) {
            while (!committed.endOffsets(partitions).equals(everything.endOffsets(partitions))) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(POLL.toMillis()); // an open transaction ends by itself: committed, or aborted by Kafka
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Reads on to the committed end of every cabinet's partition; returns the stock records read,
     * in order per cabinet.
     *
     * @throws IllegalStateException when Kafka did not give them within {@link #READING}
     */
    public List<CabinetStocked> readOn() {
        Map<TopicPartition, Long> ends = committed.endOffsets(partitions);
        List<CabinetStocked> read = new ArrayList<>();
        long deadline = System.nanoTime() + READING.toNanos();
        while (partitions.stream().anyMatch(partition -> committed.position(partition) < ends.get(partition))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cabinets' stock was not read to its end within " + READING);
            }
            for (ConsumerRecord<byte[], byte[]> record : committed.poll(POLL)) {
                if (stock(record) instanceof CabinetStocked stocked) {
                    read.add(stocked);
                }
            }
        }
        return read;
    }

    /** The latest stock record of each cabinet among {@code records}. */
    public static Map<Integer, CabinetStocked> latest(List<CabinetStocked> records) {
        Map<Integer, CabinetStocked> latest = new HashMap<>();
        records.forEach(record -> latest.put(record.cabinet(), record));
        return latest;
    }

    @Override
    public void close() {
        committed.close();
    }

    private static ShopEvent stock(ConsumerRecord<byte[], byte[]> record) {
        try {
            return record.value() == null ? null : ShopJson.read(new String(record.value(), StandardCharsets.UTF_8));
        } catch (RuntimeException unreadable) {
            return null; // not a cabinet's stock: nothing to go by
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> consumerConfig, IsolationLevel isolation) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
