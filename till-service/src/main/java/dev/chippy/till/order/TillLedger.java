package dev.chippy.till.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;

import dev.chippy.event.OrderReceipt;
import dev.chippy.event.ShopEvent;
import dev.chippy.event.TillCheckpoint;
import dev.chippy.event.TillServiceOpened;
import dev.chippy.topic.ShopTopic;

/**
 * Reads the till's memory back from Kafka when the service starts: the last number of
 * each till (from the compacted checkpoints topic) and the answers given to idempotent
 * requests (from the compacted receipts topic). It reads with {@code read_committed}, up
 * to the end of each partition, so it sees exactly what the till had committed.
 */
class TillLedger {

    private static final Log LOG = LogFactory.getLog(TillLedger.class);
    private static final List<ShopTopic> TOPICS = List.of(ShopTopic.TILL_CHECKPOINTS, ShopTopic.ORDER_RECEIPTS);

    private final ConsumerFactory<Object, Object> consumers;

    TillLedger(ConsumerFactory<Object, Object> consumers) {
        this.consumers = consumers;
    }

    /** Replays both topics into {@code numbers} and {@code receipts}; returns how many records it read. */
    long restore(TillNumbers numbers, Receipts receipts) {
        Map<String, Long> lastNumbers = new HashMap<>();
        long read = read(TOPICS, event -> {
            if (event instanceof TillCheckpoint checkpoint) {
                lastNumbers.merge(checkpoint.tillId(), checkpoint.lastNumber(), Math::max);
            } else if (event instanceof OrderReceipt receipt) {
                receipts.keep(receipt);
            }
        });
        numbers.advance(lastNumbers);
        return read;
    }

    /** The till service that opened last, as committed; null when none has yet. */
    String lastOpener() {
        String[] last = {null};
        read(List.of(ShopTopic.TILL_CHECKPOINTS), event -> {
            if (event instanceof TillServiceOpened opened) {
                last[0] = opened.instance();
            }
        });
        return last[0];
    }

    /** Reads the topics from the beginning to their last stable offset, in offset order per partition. */
    private long read(List<ShopTopic> topics, java.util.function.Consumer<ShopEvent> sink) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        overrides.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (Consumer<Object, Object> consumer = consumers.createConsumer(null, "till-ledger", null, overrides)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (ShopTopic topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException(topic.topicName() + " does not exist yet");
                }
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
            long read = 0;
            while (!end.isEmpty()) {
                for (ConsumerRecord<Object, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    if (record.value() instanceof ShopEvent event) {
                        sink.accept(event);
                    } else {
                        LOG.warn("Skipping an unreadable record of the till ledger at "
                                + record.topic() + "-" + record.partition() + "@" + record.offset());
                    }
                }
                end.entrySet().removeIf(partition -> consumer.position(partition.getKey()) >= partition.getValue());
            }
            return read;
        }
    }
}
