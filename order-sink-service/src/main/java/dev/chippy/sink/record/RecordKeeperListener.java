package dev.chippy.sink.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.sql.SQLException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import dev.chippy.event.ShopEvent;
import dev.chippy.service.kafka.DeadLetters;
import dev.chippy.topic.ShopGroup;
import dev.chippy.topic.ShopTopic;

/**
 * The record keeper's reader: every order, every status and every cooked order, and the
 * analyst's tallies, in batches. Where to read from is the record keeper's business, not the consumer group's:
 * on assignment each partition is sought to the position stored with the data.
 */
@Component
class RecordKeeperListener implements ConsumerSeekAware {

    static final String ID = "record-keeper";
    private static final Log LOG = LogFactory.getLog(RecordKeeperListener.class);

    private final RecordKeeper keeper;
    private final DeadLetters deadLetters;
    private final List<StoredBatchListener> onStored;
    private final DatabaseOutages outages = new DatabaseOutages();

    RecordKeeperListener(RecordKeeper keeper, DeadLetters deadLetters, List<StoredBatchListener> onStored) {
        this.keeper = keeper;
        this.deadLetters = deadLetters;
        this.onStored = onStored;
    }

    @KafkaListener(id = ID, groupId = ShopGroup.RECORD_KEEPER, topics = {ShopTopic.Names.ORDERS, ShopTopic.Names.ORDER_STATUS, ShopTopic.Names.COOKED,
            ShopTopic.Names.SHOP_WINDOWS})
    void store(List<ConsumerRecord<String, ShopEvent>> records, Consumer<?, ?> consumer) {
        // A batch retried after a failure may hold partitions handed to another record keeper meanwhile.
        Set<TopicPartition> owned = consumer.assignment();
        List<ConsumerRecord<String, ShopEvent>> storable = new ArrayList<>(records.size());
        Map<TopicPartition, Long> firstOffsets = new LinkedHashMap<>();
        Map<TopicPartition, Long> positionsAfter = new LinkedHashMap<>();
        for (ConsumerRecord<String, ShopEvent> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (!owned.contains(partition)) {
                continue;
            }
            firstOffsets.putIfAbsent(partition, record.offset());
            positionsAfter.computeIfAbsent(partition, consumer::position);
            Optional<ShopEvent> event = deadLetters.readable(record, consumer);
            Optional<String> problem = event.flatMap(StorableEvents::problem);
            if (problem.isPresent()) {
                deadLetters.deadLetter(record, consumer, new UnstorableEventException(problem.get()));
            } else if (event.isPresent()) {
                storable.add(record);
            }
        }
        if (positionsAfter.isEmpty()) {
            return;
        }
        StoredBatch stored;
        try {
            stored = keeper.store(storable, positionsAfter, firstOffsets, consumer::beginningOffsets);
        } catch (RuntimeException e) {
            if (!isDataError(e)) {
                outages.failed(e);
                throw e; // the database is away: the error handler tries the batch again after a pause
            }
            LOG.warn("PostgreSQL refused a batch of " + storable.size() + " events (" + rootMessage(e)
                    + "); storing them one at a time to find the ones it cannot hold");
            stored = storeOneByOne(storable, positionsAfter, consumer);
        }
        outages.stored();
        tell(stored);
    }

    /**
     * Stores each event in its own transaction with its partition's position just past it, so
     * an event PostgreSQL refuses goes to the dead-letter topic alone, and everything else is
     * stored exactly once, as in a batch.
     */
    private StoredBatch storeOneByOne(List<ConsumerRecord<String, ShopEvent>> records, Map<TopicPartition, Long> positionsAfter,
                                      Consumer<?, ?> consumer) {
        List<StoredBatch> parts = new ArrayList<>();
        for (ConsumerRecord<String, ShopEvent> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            Map<TopicPartition, Long> justPast = Map.of(partition, record.offset() + 1);
            try {
                parts.add(keeper.store(List.of(record), justPast, Map.of(partition, record.offset()), consumer::beginningOffsets));
            } catch (RuntimeException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                deadLetters.deadLetter(record, consumer, new UnstorableEventException(rootMessage(e), e));
                keeper.advance(justPast, consumer::beginningOffsets);
            }
        }
        keeper.advance(positionsAfter, consumer::beginningOffsets);
        return StoredBatch.of(parts);
    }

    private void tell(StoredBatch stored) {
        for (StoredBatchListener listener : onStored) {
            try {
                listener.stored(stored);
            } catch (RuntimeException e) {
                // The batch is committed: a watcher's failure must not make the container store it again.
                LOG.warn("A listener failed to take note of a stored batch: " + e, e);
            }
        }
    }

    /**
     * True when PostgreSQL refused the data itself (SQL states of class 22, data exception,
     * and 23, integrity constraint violation): trying again cannot help. Anything else (no
     * connection, a timeout, a server shutting down) is the database being away.
     */
    static boolean isDataError(Throwable failure) {
        if (failure instanceof DataIntegrityViolationException) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getNextException() != null && isDataError(sql.getNextException())) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
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
            keeper.advance(now, consumer::beginningOffsets);
        } catch (RuntimeException e) {
            LOG.debug("Could not note idle positions: " + e.getMessage());
        }
    }
}
