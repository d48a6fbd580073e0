package dev.chippy.sink.record;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
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
import dev.chippy.event.WindowTallied;
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
@Import({PostgresInfrastructure.class, RecordKeeper.class, RecordTables.class, RecordKeeperStoreTest.FixedClock.class})
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
        jdbc.sql("truncate orders, order_lines, status_changes, kafka_positions, shop_windows").update();
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

    @Test
    void aBatchOfManyOrdersIsStoredWholeInOneGoWithItsLinesHistoryAndReasons() {
        Menu menu = Menu.standard();
        List<ShopEvent> orders = new ArrayList<>();
        List<ShopEvent> statuses = new ArrayList<>();
        List<Order> placed = new ArrayList<>();
        for (int n = 1; n <= 300; n++) {
            Order order = new Order(UUID.randomUUID(), "till-" + (n % 3 + 1), n, at(0), List.of(
                    new OrderLine(menu.item("chips"), n % 4 + 1), new OrderLine(menu.item("plaice-and-chips"), 1)));
            placed.add(order);
            orders.add(OrderPlaced.of(order));
            statuses.add(status(order, OrderStatus.PREPARING, 1));
            statuses.add(n % 10 == 0
                    ? OrderStatusChanged.rejected(order.id(), order.tillId(), order.number(), at(2), "preparer-1", "no plaice today")
                    : status(order, OrderStatus.READY, 2));
        }

        StoredBatch stored = store(new Batch().on(ORDERS, 0, 0, orders.toArray(ShopEvent[]::new))
                .on(STATUS, 0, 0, statuses.toArray(ShopEvent[]::new)));

        assertThat(stored.placed()).containsExactlyElementsOf(placed);
        assertThat(stored.news()).hasSize(900);
        assertThat(count("select count(*) from orders where status = ?", "READY")).isEqualTo(270);
        assertThat(count("select count(*) from orders where status = ?", "REJECTED")).isEqualTo(30);
        assertThat(count("select count(*) from orders where ready_at = status_at and status = ?", "READY")).isEqualTo(270);
        assertThat(count("select count(*) from status_changes where reason = ?", "no plaice today")).isEqualTo(30);
        assertThat(count("select count(*) from order_lines where item = ?", "plaice-and-chips")).isEqualTo(300);
        Order tenth = placed.get(9);
        assertThat(jdbc.sql("select line_no, item, quantity, unit_price_pence from order_lines where order_id = ? order by line_no")
                .param(tenth.id()).query((row, n) -> row.getInt(1) + " " + row.getString(2) + " x" + row.getInt(3) + " @" + row.getInt(4))
                .list()).containsExactly("0 chips x3 @" + menu.item("chips").pricePence(),
                        "1 plaice-and-chips x1 @" + menu.item("plaice-and-chips").pricePence());
        assertThat(jdbc.sql("select total_pence, kafka_partition from orders where id = ?").param(tenth.id())
                .query((row, n) -> row.getInt(1) + "/" + row.getInt(2)).single()).isEqualTo(tenth.totalPence() + "/0");
        assertThat(keeper.positions(List.of(partition(ORDERS, 0), partition(STATUS, 0))))
                .containsEntry(partition(ORDERS, 0), 300L).containsEntry(partition(STATUS, 0), 600L);
    }

    /** Every time PostgreSQL can hold is stored as it was sent, to the microsecond: far future and before Christ too. */
    @Test
    void timesAtTheEdgesOfWhatPostgresHoldsAreStoredExactly() {
        Order order = order("till-6", 1);
        List<Instant> times = List.of(Instant.parse("2026-03-14T12:00:00.123456Z"), Instant.parse("+20000-06-01T01:02:03.000004Z"),
                StorableEvents.LATEST, Instant.parse("-0099-02-03T04:05:06.7Z"), StorableEvents.EARLIEST, Instant.parse("0000-12-31T23:59:59Z"));
        List<ShopEvent> statuses = times.stream()
                .<ShopEvent>map(time -> OrderStatusChanged.of(order, OrderStatus.PREPARING, time, "preparer-1")).toList();

        store(new Batch().on(STATUS, 0, 0, statuses.toArray(ShopEvent[]::new)));

        assertThat(jdbc.sql("select at from status_changes where order_id = ?").param(order.id())
                .query((row, n) -> row.getObject(1, OffsetDateTime.class).toInstant()).list())
                .containsExactlyInAnyOrderElementsOf(times);
    }

    @Test
    void theLatestTallyOfEachShareOfAWindowIsKept() {
        String windows = ShopTopic.SHOP_WINDOWS.topicName();
        Instant start = at(0);
        store(new Batch().on(windows, 0, 0, tally(0, start, 1, 5)));

        store(new Batch().on(windows, 0, 1, tally(0, start, 2, 12), tally(1, start, 1, 3), tally(0, start, 3, 20)));

        assertThat(jdbc.sql("select share, count, total from shop_windows where window_start = ? order by share")
                .param(start.atOffset(ZoneOffset.UTC)).query((row, n) -> row.getInt(1) + ":" + row.getLong(2) + "/" + row.getLong(3)).list())
                .containsExactly("0:3/20", "1:1/3");
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

    private static WindowTallied tally(int share, Instant windowStart, long count, long total) {
        return new WindowTallied(UUID.randomUUID(), WindowTallied.Measure.TILL_ORDERS, "till-1", share, windowStart,
                windowStart.plusSeconds(60), count, total, total, windowStart.plusSeconds(61));
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
