package dev.chippy.sink.record;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.event.ShopEvent;
import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderStatus;
import dev.chippy.testsupport.PostgresInfrastructure;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RecordKeeper#store} against a real PostgreSQL (tables made by Flyway), with records
 * built by hand instead of read from Kafka: each case is one exact sequence of batches, so the
 * outcome is certain and nothing is waited for. Each batch commits on its own, as the
 * listener's do, so a second batch meets what the first stored in the database, not in memory.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({PostgresInfrastructure.class, RecordKeeper.class, RecordKeeperStoreTest.FixedClock.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class RecordKeeperStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    private static final String ORDERS = ShopTopic.ORDERS.topicName();
    private static final String STATUS = ShopTopic.ORDER_STATUS.topicName();
    /** Positions that are never behind the records: asking for log starts would be a mistake. */
    private static final RecordKeeper.LogStarts NOT_ASKED = partitions -> {
        throw new AssertionError("log starts asked for " + partitions + " though no partition resumed past its position");
    };

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    RecordKeeper keeper;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void emptyTables() {
        jdbc.sql("truncate orders, order_lines, status_changes, kafka_positions").update();
    }

    @Test
    void anOrderAndAStatusDeliveredTwiceAreStoredOnce() {
        Order order = order("till-1", 1);
        OrderPlaced placed = OrderPlaced.of(order);
        OrderStatusChanged preparing = status(order, OrderStatus.PREPARING, 1);

        StoredBatch first = store(new Batch().on(ORDERS, 0, 0, placed, placed).on(STATUS, 0, 0, preparing, preparing));
        // Delivered again later, at new offsets (a producer that sent again after a timeout).
        StoredBatch again = store(new Batch().on(ORDERS, 0, 2, placed).on(STATUS, 0, 2, preparing));

        assertThat(first.placed()).containsExactly(order);
        assertThat(first.news()).extracting(StoredBatch.News::status).containsExactly(OrderStatus.PLACED, OrderStatus.PREPARING);
        assertThat(first.moved()).containsExactly(new RecordKeeper.Moved(order.id(), OrderStatus.PREPARING));
        assertThat(again.placed()).isEmpty();
        assertThat(again.news()).isEmpty();
        assertThat(again.moved()).isEmpty();
        assertThat(count("select count(*) from orders where id = ?", order.id())).isOne();
        assertThat(count("select count(*) from order_lines where order_id = ?", order.id())).isOne();
        assertThat(history(order)).containsExactly(OrderStatus.PLACED, OrderStatus.PREPARING);
        assertThat(status(order)).isEqualTo(OrderStatus.PREPARING);
        assertThat(keeper.positions(List.of(partition(ORDERS, 0), partition(STATUS, 0))))
                .containsEntry(partition(ORDERS, 0), 3L).containsEntry(partition(STATUS, 0), 3L);
    }

    @Test
    void aStatusBeforeItsOrderIsKeptAndMovesTheOrderWhenItArrives() {
        Order order = order("till-2", 7);

        StoredBatch early = store(new Batch().on(STATUS, 1, 0, status(order, OrderStatus.READY, 3)));

        assertThat(early.placed()).isEmpty();
        assertThat(early.moved()).isEmpty();
        assertThat(early.news()).containsExactly(new StoredBatch.News(order.id(), "till-2", 7, OrderStatus.READY,
                at(3), "preparer-1"));
        assertThat(count("select count(*) from orders where id = ?", order.id())).isZero();
        assertThat(history(order)).containsExactly(OrderStatus.READY);

        StoredBatch arrived = store(new Batch().on(ORDERS, 1, 0, OrderPlaced.of(order)));

        assertThat(arrived.placed()).containsExactly(order);
        assertThat(arrived.moved()).containsExactly(new RecordKeeper.Moved(order.id(), OrderStatus.READY));
        assertThat(status(order)).isEqualTo(OrderStatus.READY);
        assertThat(jdbc.sql("select ready_at from orders where id = ?").param(order.id()).query(Instant.class).single())
                .isEqualTo(at(3));

        // A status that is behind the order's is kept in its history, but moves nothing.
        StoredBatch late = store(new Batch().on(STATUS, 1, 1, status(order, OrderStatus.PREPARING, 1)));

        assertThat(late.news()).extracting(StoredBatch.News::status).containsExactly(OrderStatus.PREPARING);
        assertThat(late.moved()).isEmpty();
        assertThat(status(order)).isEqualTo(OrderStatus.READY);
        assertThat(history(order)).containsExactly(OrderStatus.PLACED, OrderStatus.PREPARING, OrderStatus.READY);
    }

    @Test
    void recordsBeforeTheStoredPositionAreSkippedWhateverTheyHold() {
        Order first = order("till-3", 1);
        Order second = order("till-3", 2);
        Order neverStored = order("till-3", 99);
        Order third = order("till-3", 3);
        store(new Batch().on(ORDERS, 2, 0, OrderPlaced.of(first), OrderPlaced.of(second)));

        // A rewind: offsets 0 and 1 again. What they hold now is not what was stored there, so
        // only the position can keep them out, not the event ids.
        StoredBatch replay = store(new Batch().on(ORDERS, 2, 0, OrderPlaced.of(neverStored), OrderPlaced.of(second),
                OrderPlaced.of(third)));

        assertThat(replay.placed()).containsExactly(third);
        assertThat(count("select count(*) from orders where id = ?", neverStored.id())).isZero();
        assertThat(count("select count(*) from orders where till_id = ?", "till-3")).isEqualTo(3);
        assertThat(keeper.positions(List.of(partition(ORDERS, 2)))).containsEntry(partition(ORDERS, 2), 3L);
    }

    @Test
    void aPositionNeverMovesBack() {
        store(new Batch().on(ORDERS, 0, 0, OrderPlaced.of(order("till-4", 1)), OrderPlaced.of(order("till-4", 2))));

        StoredBatch behind = keeper.store(List.of(), Map.of(partition(ORDERS, 0), 1L), Map.of(), NOT_ASKED);

        assertThat(behind.placed()).isEmpty();
        assertThat(keeper.positions(List.of(partition(ORDERS, 0)))).containsEntry(partition(ORDERS, 0), 2L);
    }

    @Test
    void offsetsThatRetentionDeletedBeforeTheyWereStoredAreCountedAsMissed() {
        store(new Batch().on(ORDERS, 0, 0, OrderPlaced.of(order("till-5", 1))));
        Order afterTheGap = order("till-5", 2);
        List<Collection<TopicPartition>> asked = new ArrayList<>();

        // The next records start at 10: 1 to 9 are gone, deleted from the log (it starts at 10).
        keeper.store(List.of(record(ORDERS, 0, 10, OrderPlaced.of(afterTheGap))), Map.of(partition(ORDERS, 0), 11L),
                Map.of(partition(ORDERS, 0), 10L), partitions -> {
                    asked.add(List.copyOf(partitions));
                    return Map.of(partition(ORDERS, 0), 10L);
                });

        assertThat(asked).containsExactly(List.of(partition(ORDERS, 0)));
        KafkaPosition position = keeper.allPositions().get(partition(ORDERS, 0));
        assertThat(position.nextOffset()).isEqualTo(11);
        assertThat(position.missedOffsets()).isEqualTo(9);
        assertThat(count("select count(*) from orders where id = ?", afterTheGap.id())).isOne();
    }

    /** The records of one poll, partition by partition, each partition's records at consecutive offsets. */
    private static final class Batch {
        final List<ConsumerRecord<String, ShopEvent>> records = new ArrayList<>();
        final Map<TopicPartition, Long> positionsAfter = new HashMap<>();
        final Map<TopicPartition, Long> firstOffsets = new HashMap<>();

        Batch on(String topic, int partition, long firstOffset, ShopEvent... events) {
            for (int i = 0; i < events.length; i++) {
                records.add(record(topic, partition, firstOffset + i, events[i]));
            }
            firstOffsets.put(partition(topic, partition), firstOffset);
            positionsAfter.put(partition(topic, partition), firstOffset + events.length);
            return this;
        }
    }

    private StoredBatch store(Batch batch) {
        return keeper.store(batch.records, batch.positionsAfter, batch.firstOffsets, NOT_ASKED);
    }

    private static ConsumerRecord<String, ShopEvent> record(String topic, int partition, long offset, ShopEvent event) {
        return new ConsumerRecord<>(topic, partition, offset, event.key(), event);
    }

    private static TopicPartition partition(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private static Order order(String tillId, long number) {
        return new Order(UUID.randomUUID(), tillId, number, at(0), List.of(new OrderLine(Menu.standard().item("chips"), 1)));
    }

    private static OrderStatusChanged status(Order order, OrderStatus status, int minutesAfterPlacing) {
        return OrderStatusChanged.of(order, status, at(minutesAfterPlacing), "preparer-1");
    }

    private static Instant at(int minutesAfterPlacing) {
        return NOW.minusSeconds(3600).plusSeconds(60L * minutesAfterPlacing);
    }

    private long count(String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }

    private List<OrderStatus> history(Order order) {
        return jdbc.sql("select status from status_changes where order_id = ? order by at").param(order.id())
                .query(OrderStatus.class).list();
    }

    private OrderStatus status(Order order) {
        return jdbc.sql("select status from orders where id = ?").param(order.id()).query(OrderStatus.class).single();
    }
}
