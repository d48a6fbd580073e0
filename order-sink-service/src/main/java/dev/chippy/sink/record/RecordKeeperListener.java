package dev.chippy.sink.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import dev.chippy.event.ShopEvent;
import dev.chippy.service.kafka.DeadLetters;
import dev.chippy.topic.ShopTopic;

/**
 * The record keeper's reader: every order, every status and every cooked order, in
 * batches. Where to read from is the record keeper's business, not the consumer group's:
 * on assignment each partition is sought to the position stored with the data.
 */
@Component
class RecordKeeperListener implements ConsumerSeekAware {

    static final String ID = "record-keeper";
    private static final Log LOG = LogFactory.getLog(RecordKeeperListener.class);

    private final RecordKeeper keeper;
    private final DeadLetters deadLetters;
    private final List<StoredBatchListener> onStored;

    RecordKeeperListener(RecordKeeper keeper, DeadLetters deadLetters, List<StoredBatchListener> onStored) {
        this.keeper = keeper;
        this.deadLetters = deadLetters;
        this.onStored = onStored;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = {ShopTopic.Names.ORDERS, ShopTopic.Names.ORDER_STATUS, ShopTopic.Names.COOKED})
    void store(List<ConsumerRecord<String, ShopEvent>> records, Consumer<?, ?> consumer) {
        List<ConsumerRecord<String, ShopEvent>> readable = new ArrayList<>(records.size());
        Map<TopicPartition, Long> positionsAfter = new LinkedHashMap<>();
        for (ConsumerRecord<String, ShopEvent> record : records) {
            if (deadLetters.readable(record, consumer).isPresent()) {
                readable.add(record);
            }
            positionsAfter.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), consumer::position);
        }
        StoredBatch stored = keeper.store(readable, positionsAfter);
        for (StoredBatchListener listener : onStored) {
            try {
                listener.stored(stored);
            } catch (RuntimeException e) {
                // The batch is committed: a watcher's failure must not make the container store it again.
                LOG.warn("A listener failed to take note of a stored batch: " + e, e);
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Map<TopicPartition, Long> stored = keeper.positions(assignments.keySet());
        for (TopicPartition partition : assignments.keySet()) {
            Long next = stored.get(partition);
            if (next != null) {
                callback.seek(partition.topic(), partition.partition(), next);
            } else {
                callback.seekToBeginning(List.of(partition));
            }
        }
        LOG.info("Reading " + assignments.keySet() + " from the stored positions " + stored);
    }

    /**
     * While idle, the consumer's position can move past records that carry no data (the
     * markers that close Kafka transactions); storing it lets {@code /sync} say "in sync".
     */
    @EventListener(condition = "event.listenerId.startsWith('" + ID + "')")
    void idle(ListenerContainerIdleEvent event) {
        Consumer<?, ?> consumer = event.getConsumer();
        if (consumer == null || event.getTopicPartitions() == null || event.getTopicPartitions().isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> now = new LinkedHashMap<>();
            event.getTopicPartitions().forEach(partition -> now.put(partition, consumer.position(partition)));
            keeper.advance(now);
        } catch (RuntimeException e) {
            LOG.debug("Could not note idle positions: " + e.getMessage());
        }
    }
}
