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
 *
 * <p>This class decides what a batch changes; {@link RecordTables} writes it, one statement
 * per table per batch. Reading positions back stays with JPA.
 */
@Service
public class RecordKeeper {

    /** An order whose status the batch moved on. */
    public record Moved(UUID orderId, OrderStatus status) {
    }

    private final EntityManager entities;
    private final RecordTables tables;
    private final Clock clock;

    RecordKeeper(EntityManager entities, RecordTables tables, Clock clock) {
        this.entities = entities;
        this.tables = tables;
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
        Map<TopicPartition, Long> positions = tables.lockPositions(positionsAfter.keySet(), now);
        Map<TopicPartition, Long> starts = logStartsPast(positions, firstOffsets, logStarts);

        Map<UUID, OrderPlaced> placed = new LinkedHashMap<>();
        Map<UUID, Integer> placedOn = new HashMap<>();
        Map<UUID, StatusChange> news = new LinkedHashMap<>();
        // What each event itself said of its order, for telling listeners (by event id).
        Map<UUID, OrderProgress> told = new HashMap<>();
        Map<String, WindowTallied> tallies = new LinkedHashMap<>();
        for (ConsumerRecord<String, ShopEvent> record : records) {
            Long position = positions.get(new TopicPartition(record.topic(), record.partition()));
            if (position != null && record.offset() < position) {
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

        // The history first: it is what an order stored below is brought up to date with.
        news.keySet().retainAll(tables.storeChanges(news.values()));
        Set<UUID> concerned = new HashSet<>(placed.keySet());
        news.values().forEach(change -> concerned.add(change.orderId()));
        Map<UUID, RecordTables.StoredStanding> known = tables.standings(concerned);

        List<Moved> moved = new ArrayList<>();
        Set<UUID> newOrders = new LinkedHashSet<>(placed.keySet());
        newOrders.removeAll(known.keySet());
        // A new order is moved on by every status stored for it, this batch's and any that came before it.
        Map<UUID, Standing> standingOfNew = new HashMap<>();
        newOrders.forEach(id -> standingOfNew.put(id, Standing.placedAt(placed.get(id).order().placedAt())));
        tables.history(newOrders).forEach(heard -> standingOfNew.get(heard.orderId()).hear(heard.status(), heard.at()));
        List<RecordTables.NewOrder> toStore = new ArrayList<>(newOrders.size());
        List<Order> newlyPlaced = new ArrayList<>(newOrders.size());
        for (UUID id : newOrders) {
            Order order = placed.get(id).order();
            Standing standing = standingOfNew.get(id);
            toStore.add(new RecordTables.NewOrder(order, placedOn.get(id), standing));
            moved.add(new Moved(id, standing.status()));
            newlyPlaced.add(order);
        }
        tables.storeOrders(toStore);

        Map<UUID, RecordTables.StoredStanding> movedOn = new LinkedHashMap<>();
        for (StatusChange change : news.values()) {
            RecordTables.StoredStanding order = known.get(change.orderId());
            if (order != null && order.standing().hear(change.status(), change.at())) {
                moved.add(new Moved(order.id(), order.standing().status()));
                movedOn.put(order.id(), order);
            }
        }
        tables.moveOrders(movedOn.values());
        tables.storeTallies(tallies.values());
        tables.movePositions(positionsAfter, starts, now);
        return new StoredBatch(newlyPlaced, told(news.values(), told, known, placed), moved, List.copyOf(tallies.values()));
    }

    /**
     * The news stored for the first time. A rejection whose writer could not read the order
     * (a cook request or a cooked order that went to a dead-letter topic) names neither its till
     * nor its number; they come from the order, when it is stored or in this batch.
     */
    private static List<StoredBatch.News> told(Collection<StatusChange> stored, Map<UUID, OrderProgress> told,
                                               Map<UUID, RecordTables.StoredStanding> known, Map<UUID, OrderPlaced> placed) {
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
        Map<TopicPartition, Long> positions = tables.lockPositions(positionsNow.keySet(), now);
        tables.movePositions(positionsNow, logStartsPast(positions, positionsNow, logStarts), now);
    }

    /**
     * The log start of each partition whose reading resumes past its stored position: only
     * those can have lost records to retention, and only those cost a request to Kafka.
     */
    private static Map<TopicPartition, Long> logStartsPast(Map<TopicPartition, Long> positions,
                                                           Map<TopicPartition, Long> resumedAt, LogStarts logStarts) {
        List<TopicPartition> gapped = positions.entrySet().stream()
                .filter(entry -> resumedAt.getOrDefault(entry.getKey(), 0L) > entry.getValue())
                .map(Map.Entry::getKey)
                .toList();
        return gapped.isEmpty() ? Map.of() : logStarts.apply(gapped);
    }

    private static StatusChange change(ConsumerRecord<String, ShopEvent> record, OrderProgress progress) {
        return new StatusChange(record.value().eventId(), progress.orderId(), progress.status(), progress.at(), progress.by(),
                progress.reason(), record.topic(), record.partition(), record.offset());
    }
}
