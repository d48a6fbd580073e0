package dev.chippy.sink.record;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.chippy.event.OrderEvent;
import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderProgress;
import dev.chippy.event.ShopEvent;
import dev.chippy.event.WindowTallied;
import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;

/**
 * Stores a batch of events and the Kafka positions it reaches, in one database
 * transaction. Whatever happens to the process, the tables and the positions agree: a
 * batch is either stored with its positions or not at all, and reading resumes from the
 * positions. On top of that nothing is stored twice: a record before the stored position
 * is skipped, a status event already stored (same event id) is skipped, and an order
 * already stored is not stored again. Statuses only move orders forward, whatever order
 * they arrive in, across topics too.
 */
@Service
public class RecordKeeper {

    /** An order whose status the batch moved on. */
    public record Moved(UUID orderId, OrderStatus status) {
    }

    private final EntityManager entities;
    private final Clock clock;

    RecordKeeper(EntityManager entities, Clock clock) {
        this.entities = entities;
        this.clock = clock;
    }

    /**
     * Where each partition's log starts now (the consumer's {@code beginningOffsets}): asked
     * only when a partition's records do not start where the stored position is, to tell
     * records deleted by retention from the gaps that transaction markers leave.
     */
    public interface LogStarts extends Function<Collection<TopicPartition>, Map<TopicPartition, Long>> {
    }

    /**
     * Stores the readable records of one poll, and moves each partition's position to
     * {@code positionsAfter} (the consumer's position after the poll, past any
     * transaction markers). {@code firstOffsets} are where the poll's records start in each
     * partition; when that is past the stored position and retention has deleted what lay
     * between, the partition's missed offsets say so. Returns what the batch brought: new
     * orders, new status changes, and the orders that moved.
     */
    @Transactional
    public StoredBatch store(List<ConsumerRecord<String, ShopEvent>> records, Map<TopicPartition, Long> positionsAfter,
                             Map<TopicPartition, Long> firstOffsets, LogStarts logStarts) {
        Instant now = clock.instant();
        Map<TopicPartition, KafkaPosition> positions = lockPositions(positionsAfter.keySet(), now);
        Map<TopicPartition, Long> starts = logStartsPast(positions, firstOffsets, logStarts);

        Map<UUID, OrderPlaced> placed = new LinkedHashMap<>();
        Map<UUID, Integer> placedOn = new HashMap<>();
        Map<UUID, StatusChange> news = new LinkedHashMap<>();
        // What each event itself said of its order, for telling listeners (by event id).
        Map<UUID, OrderProgress> told = new HashMap<>();
        Map<String, WindowTallied> tallies = new LinkedHashMap<>();
        for (ConsumerRecord<String, ShopEvent> record : records) {
            KafkaPosition position = positions.get(new TopicPartition(record.topic(), record.partition()));
            if (position != null && record.offset() < position.nextOffset()) {
                continue; // stored already: a replay after a rewind or a rebalance
            }
            ShopEvent event = record.value();
            if (event instanceof WindowTallied tally) {
                tallies.put(tally.key(), tally); // the latest of each share of a window is what counts
            } else if (event instanceof OrderEvent orderEvent) {
                if (orderEvent instanceof OrderPlaced order) {
                    placed.putIfAbsent(order.orderId(), order);
                    placedOn.putIfAbsent(order.orderId(), record.partition());
                }
                Optional<OrderProgress> progress = orderEvent.progress();
                if (progress.isPresent() && news.putIfAbsent(event.eventId(), change(record, progress.get())) == null) {
                    told.put(event.eventId(), progress.get());
                }
            }
        }

        news.keySet().removeAll(storedEventIds(news.keySet()));
        Set<UUID> concerned = new HashSet<>(placed.keySet());
        news.values().forEach(change -> concerned.add(change.orderId()));
        Map<UUID, StoredOrder> known = storedOrders(concerned);

        news.values().forEach(entities::persist);

        List<Moved> moved = new ArrayList<>();
        Set<UUID> newOrders = new LinkedHashSet<>(placed.keySet());
        newOrders.removeAll(known.keySet());
        Map<UUID, List<StatusChange>> historyOfNewOrders = history(newOrders);
        List<Order> newlyPlaced = new ArrayList<>(newOrders.size());
        for (UUID id : newOrders) {
            StoredOrder order = StoredOrder.placed(placed.get(id).order(), placedOn.get(id), historyOfNewOrders.getOrDefault(id, List.of()));
            entities.persist(order);
            moved.add(new Moved(id, order.status()));
            newlyPlaced.add(placed.get(id).order());
        }
        for (StatusChange change : news.values()) {
            StoredOrder order = known.get(change.orderId());
            if (order != null && order.hear(change.status(), change.at())) {
                moved.add(new Moved(order.id(), order.status()));
            }
        }

        for (WindowTallied tally : tallies.values()) {
            StoredWindow window = entities.find(StoredWindow.class, StoredWindow.Key.of(tally));
            if (window == null) {
                entities.persist(new StoredWindow(tally));
            } else {
                window.hear(tally);
            }
        }

        positions.forEach((partition, position) ->
                position.advancePastDeleted(starts.getOrDefault(partition, 0L), positionsAfter.get(partition), now));
        return new StoredBatch(newlyPlaced, told(news.values(), told, known, placed), moved, List.copyOf(tallies.values()));
    }

    /**
     * The news stored for the first time. A rejection whose writer could not read the order
     * (a cook request or a cooked order that went to a dead-letter topic) names neither its till
     * nor its number; they come from the order, when it is stored or in this batch.
     */
    private static List<StoredBatch.News> told(Collection<StatusChange> stored, Map<UUID, OrderProgress> told,
                                               Map<UUID, StoredOrder> known, Map<UUID, OrderPlaced> placed) {
        List<StoredBatch.News> news = new ArrayList<>(stored.size());
        for (StatusChange change : stored) {
            OrderProgress heard = told.get(change.eventId());
            String tillId = heard.tillId();
            long number = heard.number();
            if (tillId == null && known.containsKey(change.orderId())) {
                tillId = known.get(change.orderId()).tillId();
                number = known.get(change.orderId()).number();
            } else if (tillId == null && placed.containsKey(change.orderId())) {
                tillId = placed.get(change.orderId()).order().tillId();
                number = placed.get(change.orderId()).order().number();
            }
            news.add(new StoredBatch.News(heard.orderId(), tillId, number, heard.status(), heard.at(), heard.by(),
                    heard.delivery()));
        }
        return news;
    }

    /** Where reading should resume in each partition; partitions never stored are absent. */
    @Transactional(readOnly = true)
    public Map<TopicPartition, Long> positions(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> found = new HashMap<>();
        for (TopicPartition partition : partitions) {
            KafkaPosition position = entities.find(KafkaPosition.class, KafkaPosition.Key.of(partition));
            if (position != null) {
                found.put(partition, position.nextOffset());
            }
        }
        return found;
    }

    /** Every stored position, with the offsets each partition lost to retention before they were stored. */
    @Transactional(readOnly = true)
    public Map<TopicPartition, KafkaPosition> allPositions() {
        return entities.createQuery("select p from KafkaPosition p", KafkaPosition.class).getResultList().stream()
                .collect(Collectors.toMap(KafkaPosition::partition, position -> position));
    }

    /**
     * Moves positions past records that hold no data, such as the markers that close Kafka
     * transactions, which the consumer skips while idle. Never moves a position back.
     */
    @Transactional
    public void advance(Map<TopicPartition, Long> positionsNow, LogStarts logStarts) {
        Instant now = clock.instant();
        Map<TopicPartition, KafkaPosition> positions = lockPositions(positionsNow.keySet(), now);
        Map<TopicPartition, Long> starts = logStartsPast(positions, positionsNow, logStarts);
        positions.forEach((partition, position) ->
                position.advancePastDeleted(starts.getOrDefault(partition, 0L), positionsNow.get(partition), now));
    }

    /**
     * The log start of each partition whose reading resumes past its stored position: only
     * those can have lost records to retention, and only those cost a request to Kafka.
     */
    private static Map<TopicPartition, Long> logStartsPast(Map<TopicPartition, KafkaPosition> positions,
                                                           Map<TopicPartition, Long> resumedAt, LogStarts logStarts) {
        List<TopicPartition> gapped = positions.entrySet().stream()
                .filter(entry -> resumedAt.getOrDefault(entry.getKey(), 0L) > entry.getValue().nextOffset())
                .map(Map.Entry::getKey)
                .toList();
        return gapped.isEmpty() ? Map.of() : logStarts.apply(gapped);
    }

    /**
     * Locks each partition's position row for the rest of the transaction (creating it at
     * 0 when new): two record keepers that both think they own a partition, as can happen
     * for a moment during a rebalance, take turns, and the second skips what the first stored.
     */
    private Map<TopicPartition, KafkaPosition> lockPositions(Collection<TopicPartition> partitions, Instant now) {
        Map<TopicPartition, KafkaPosition> locked = new HashMap<>();
        for (TopicPartition partition : partitions) {
            KafkaPosition position = entities.find(KafkaPosition.class, KafkaPosition.Key.of(partition),
                    LockModeType.PESSIMISTIC_WRITE);
            if (position == null) {
                position = new KafkaPosition(partition, 0, now);
                entities.persist(position);
            }
            locked.put(partition, position);
        }
        return locked;
    }

    private Set<UUID> storedEventIds(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(entities.createQuery("select s.eventId from StatusChange s where s.eventId in :ids", UUID.class)
                .setParameter("ids", eventIds).getResultList());
    }

    private Map<UUID, StoredOrder> storedOrders(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return entities.createQuery("select o from StoredOrder o where o.id in :ids", StoredOrder.class)
                .setParameter("ids", ids).getResultList().stream()
                .collect(Collectors.toMap(StoredOrder::id, order -> order));
    }

    private Map<UUID, List<StatusChange>> history(Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        return entities.createQuery("select s from StatusChange s where s.orderId in :ids", StatusChange.class)
                .setParameter("ids", orderIds).getResultList().stream()
                .collect(Collectors.groupingBy(StatusChange::orderId));
    }

    private static StatusChange change(ConsumerRecord<String, ShopEvent> record, OrderProgress progress) {
        return new StatusChange(record.value().eventId(), progress.orderId(), progress.status(), progress.at(), progress.by(),
                progress.reason(), record.topic(), record.partition(), record.offset());
    }
}
