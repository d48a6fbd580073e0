package dev.chippy.sink.record;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.event.ShopEvent;
import dev.chippy.event.ShopJson;
import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;
import dev.chippy.sink.ShopEvents;
import dev.chippy.sink.query.OrderView;
import dev.chippy.sink.query.Stats;
import dev.chippy.testsupport.KafkaInfrastructure;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.testsupport.Listeners;
import dev.chippy.testsupport.PostgresInfrastructure;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The record keeper against a real broker and a real PostgreSQL (tables made by Flyway,
 * checked by Hibernate): what is published is stored once, with its history, and counted right.
 */
// Every /stats here is computed afresh: these tests check what is counted, straight after it
// is stored. One answer shared by a crowd of callers is SinkUnderLoadIntegrationTest's business.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "chippy.sink.stats-for=0s")
@Import({KafkaInfrastructure.class, PostgresInfrastructure.class})
@AutoConfigureRestTestClient
class RecordKeeperIntegrationTest {

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    ApplicationContext service;

    @Autowired
    RestTestClient rest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    tools.jackson.databind.json.JsonMapper json;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private TestProducer shop;

    @BeforeEach
    void open() {
        Listeners.awaitAssignment(service);
        shop = new TestProducer(String.join(",", kafka.getBootstrapServers()));
    }

    @AfterEach
    void close() {
        shop.close();
    }

    @Test
    void anOrdersWholeLifeIsStoredInOrder() {
        Order order = ShopEvents.order("till-1", 1, "cod-and-chips", "plaice-and-chips");

        ShopEvents.lifeOf(order).forEach(shop::publish);

        OrderView view = awaitStatus(order, OrderStatus.READY);
        assertThat(view.text()).isEqualTo("Order 1: cod & chips, plaice & chips");
        assertThat(view.totalPence()).isEqualTo(895 + 995);
        assertThat(view.lines()).extracting(OrderView.Line::item).containsExactly("cod-and-chips", "plaice-and-chips");
        assertThat(view.history()).extracting(OrderView.HistoryEntry::status, OrderView.HistoryEntry::by).containsExactly(
                org.assertj.core.groups.Tuple.tuple(OrderStatus.PLACED, "till-1"),
                org.assertj.core.groups.Tuple.tuple(OrderStatus.PREPARING, "preparer-1"),
                org.assertj.core.groups.Tuple.tuple(OrderStatus.WAITING_FOR_COOK, "preparer-1"),
                org.assertj.core.groups.Tuple.tuple(OrderStatus.COOKED, "cook-1"),
                org.assertj.core.groups.Tuple.tuple(OrderStatus.READY, "preparer-1"));
        assertThat(view.readyAt()).isNotNull();
    }

    @Test
    void theStatsCountItemsPortionsRevenueAndOrders() {
        Stats before = stats();
        List<Order> orders = List.of(
                ShopEvents.order("stats-till", 1, "plaice-and-chips", "plaice-and-chips"),
                ShopEvents.order("stats-till", 2, "cod-and-chips", "plaice-and-chips"),
                ShopEvents.order("stats-till", 3, "large-chips"));

        orders.forEach(order -> ShopEvents.lifeOf(order).forEach(shop::publish));
        orders.forEach(order -> awaitStatus(order, OrderStatus.READY));

        Stats after = stats();
        assertThat(after.orders() - before.orders()).isEqualTo(3);
        assertThat(delta(after.items(), before.items())).containsEntry("plaice-and-chips", 3L)
                .containsEntry("cod-and-chips", 1L).containsEntry("large-chips", 1L).containsEntry("chips", 0L);
        assertThat(delta(after.portions(), before.portions())).containsEntry("plaice", 3L).containsEntry("cod", 1L)
                .containsEntry("chips", 6L);
        assertThat(after.revenuePence() - before.revenuePence()).isEqualTo(3 * 995 + 895 + 475);
        assertThat(after.ordersPerTill()).containsEntry("stats-till", 3L);
        assertThat(after.ordersPerStatus().get(OrderStatus.READY) - before.ordersPerStatus().get(OrderStatus.READY)).isEqualTo(3);
        assertThat(after.latency().orders()).isGreaterThanOrEqualTo(3);
        assertThat(after.latency().p50Ms()).isNotNull().isNotNegative();
    }

    @Test
    void eventsDeliveredTwiceAndAStatusBeforeItsOrderLeaveOneCorrectRow() {
        Order order = ShopEvents.order("till-2", 1, "chips");
        OrderPlaced placed = ShopEvents.placed(order);
        OrderStatusChanged ready = ShopEvents.status(order, OrderStatus.READY, "preparer-2");

        shop.publish(ready);
        await("the READY is stored before its order").atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from status_changes where order_id = ?", order.id()) == 1);
        shop.publish(placed);
        shop.publish(placed);
        shop.publish(ready);
        shop.publish(ShopEvents.status(order, OrderStatus.PREPARING, "preparer-2"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from status_changes where order_id = ?", order.id()) == 3);
        awaitInSync();
        assertThat(count("select count(*) from orders where id = ?", order.id())).isOne();
        assertThat(count("select count(*) from order_lines where order_id = ?", order.id())).isOne();
        OrderView view = rest.get().uri("/orders/{id}", order.id()).exchange().expectStatus().isOk()
                .expectBody(OrderView.class).returnResult().getResponseBody();
        assertThat(view.status()).as("a late PREPARING does not move a READY order back").isEqualTo(OrderStatus.READY);
        assertThat(view.history()).extracting(OrderView.HistoryEntry::status)
                .containsExactlyInAnyOrder(OrderStatus.PLACED, OrderStatus.PREPARING, OrderStatus.READY);
    }

    @Test
    void aGapInATillsNumbersIsReportedOnceEveryPartitionHasGonePastIt() {
        awaitEveryOrdersPartitionRead();
        // 1, 2, 4 and 7 on the first partition; 8, 9 and 10 on every partition: 3, 5 and 6 cannot come any more.
        for (long number : new long[] {1, 2, 4, 7}) {
            placeOn(0, "gappy-till", number);
        }
        for (int partition = 0; partition < 3; partition++) {
            placeOn(partition, "gappy-till", 8 + partition);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from orders where till_id = ?", "gappy-till") == 7);
        assertThat(stats().gaps()).filteredOn(till -> till.tillId().equals("gappy-till")).singleElement().satisfies(till -> {
            assertThat(till.lastNumber()).isEqualTo(10);
            assertThat(till.missing()).containsExactly(new Stats.Range(3, 3), new Stats.Range(5, 6));
            assertThat(till.missingCount()).isEqualTo(3);
            assertThat(till.pending()).isEmpty();
            assertThat(till.duplicated()).isEmpty();
        });
    }

    /**
     * Three tills' orders are spread over the partitions, and the record keeper may read one
     * partition ahead of another: a number not seen while a later one is may simply be on its way.
     */
    @Test
    void aNumberStillOnItsWayIsPendingNotLost() {
        awaitEveryOrdersPartitionRead();
        placeOn(0, "busy-till", 1);
        placeOn(1, "busy-till", 3);
        placeOn(0, "busy-till", 4);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from orders where till_id = ?", "busy-till") == 3);
        assertThat(stats().gaps()).filteredOn(till -> till.tillId().equals("busy-till")).singleElement().satisfies(till -> {
            assertThat(till.missing()).as("the third partition has brought nothing from this till yet").isEmpty();
            assertThat(till.pending()).containsExactly(new Stats.Range(2, 2));
            assertThat(till.pendingCount()).isOne();
        });

        placeOn(2, "busy-till", 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from orders where till_id = ?", "busy-till") == 4);
        assertThat(stats().gaps()).as("number 2 arrived: no gap at all").noneMatch(till -> till.tillId().equals("busy-till"));

        // 6 never comes. Until every partition has brought a later number it may still come.
        placeOn(0, "busy-till", 5);
        placeOn(1, "busy-till", 7);
        placeOn(2, "busy-till", 8);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from orders where till_id = ?", "busy-till") == 7);
        assertThat(stats().gaps()).filteredOn(till -> till.tillId().equals("busy-till")).singleElement().satisfies(till -> {
            assertThat(till.missing()).isEmpty();
            assertThat(till.pending()).as("the first partition has brought no more than 5").containsExactly(new Stats.Range(6, 6));
        });
        placeOn(0, "busy-till", 9);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from orders where till_id = ?", "busy-till") == 8);
        assertThat(stats().gaps()).filteredOn(till -> till.tillId().equals("busy-till")).singleElement().satisfies(till -> {
            assertThat(till.missing()).as("every partition has gone past 6: it is lost").containsExactly(new Stats.Range(6, 6));
            assertThat(till.missingCount()).isOne();
            assertThat(till.pending()).isEmpty();
        });
    }

    private void placeOn(int partition, String till, long number) {
        shop.publishTo(ShopTopic.ORDERS, partition, ShopEvents.placed(ShopEvents.order(till, number, "chips")));
    }

    /** The record keeper knows every partition of the orders topic (it notes each one's position, idle or not). */
    private void awaitEveryOrdersPartitionRead() {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("select count(*) from kafka_positions where topic = ?", ShopTopic.ORDERS.topicName()) == 3);
    }

    @Test
    void anUnreadableMessageGoesToTheDeadLetterTopicAndTheRestIsStored() throws InterruptedException {
        shop.publishRaw(ShopTopic.ORDER_STATUS.topicName(), "garbage", "{\"type\":\"OrderStatusChanged\",\"status\":\"FRIED\"}");
        Order order = ShopEvents.order("till-3", 1, "fish-supper");
        shop.publish(ShopEvents.placed(order));

        awaitStatus(order, OrderStatus.PLACED);
        try (KafkaTap tap = KafkaTap.open(String.join(",", kafka.getBootstrapServers()), ShopTopic.ORDER_STATUS.deadLetterTopicName())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> tap.records(ShopTopic.ORDER_STATUS.deadLetterTopicName()).stream()
                    .anyMatch(record -> "garbage".equals(record.key())
                            && new String(record.value(), StandardCharsets.UTF_8).contains("FRIED")));
        }
        awaitInSync();
    }

    /**
     * Events that can be read but not stored: a name far longer than its column, a NUL
     * character (PostgreSQL's text refuses it, so only the database can tell), a year
     * PostgreSQL has no room for. Each goes to the dead-letter topic alone; the events around
     * it, in the same partition, are stored, and the partition is stored to its end.
     */
    @Test
    void eventsThatCanBeReadButNotStoredGoToTheDeadLetterTopicAndThePartitionGoesOn() throws InterruptedException {
        Order order = ShopEvents.order("till-4", 1, "cod-and-chips");
        Instant now = Instant.now();
        List<ShopEvent> events = List.of(
                ShopEvents.placed(order),
                new OrderStatusChanged(UUID.randomUUID(), order.id(), "till-4", 1, OrderStatus.PREPARING, now, "p".repeat(10_000)),
                new OrderStatusChanged(UUID.randomUUID(), order.id(), "till-4", 1, OrderStatus.PREPARING, now, "preparer\u00001"),
                new OrderStatusChanged(UUID.randomUUID(), order.id(), "till-4", 1, OrderStatus.PREPARING,
                        Instant.parse("+300000-01-01T00:00:00Z"), "preparer-1"),
                ShopEvents.status(order, OrderStatus.PREPARING, "preparer-2"),
                ShopEvents.status(order, OrderStatus.READY, "preparer-2"));
        shop.publishAll(events);

        OrderView view = awaitStatus(order, OrderStatus.READY);
        assertThat(view.history()).extracting(OrderView.HistoryEntry::by).containsExactly("till-4", "preparer-2", "preparer-2");
        try (KafkaTap tap = KafkaTap.open(String.join(",", kafka.getBootstrapServers()), ShopTopic.ORDER_STATUS.deadLetterTopicName())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> tap.records(ShopTopic.ORDER_STATUS.deadLetterTopicName()).stream()
                    .filter(record -> order.id().toString().equals(record.key())).count() == 3);
            assertThat(tap.records(ShopTopic.ORDER_STATUS.deadLetterTopicName()))
                    .filteredOn(record -> order.id().toString().equals(record.key()))
                    .allSatisfy(record -> assertThat(record.headers().lastHeader("kafka_dlt-exception-message")).isNotNull());
        }
        awaitInSync();
    }

    /** REJECTED is final: shown with its reason, counted in /stats and as a metric; a late READY does not move it. */
    @Test
    void aRejectedOrderIsShownWithItsReasonAndCounted() {
        Order order = ShopEvents.order("till-5", 1, "plaice-and-chips");
        long rejectedBefore = stats().ordersPerStatus().getOrDefault(OrderStatus.REJECTED, 0L);
        double metricBefore = meters.get("chippy.orders.rejected").counter().count();

        shop.publishAll(List.of(ShopEvents.placed(order), ShopEvents.status(order, OrderStatus.PREPARING, "preparer-1"),
                OrderStatusChanged.rejected(order.id(), "till-5", 1, Instant.now(), "preparer-1", "too much plaice"),
                ShopEvents.status(order, OrderStatus.READY, "preparer-2")));

        OrderView view = awaitStatus(order, OrderStatus.REJECTED);
        awaitInSync();
        assertThat(awaitStatus(order, OrderStatus.REJECTED).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(view.history()).filteredOn(entry -> entry.status() == OrderStatus.REJECTED).singleElement()
                .satisfies(entry -> assertThat(entry.reason()).isEqualTo("too much plaice"));
        assertThat(stats().ordersPerStatus().get(OrderStatus.REJECTED)).isEqualTo(rejectedBefore + 1);
        assertThat(meters.get("chippy.orders.rejected").counter().count()).isEqualTo(metricBefore + 1);
    }

    /**
     * An order whose placing message nobody could read is known only by what is told of it.
     * Once it is REJECTED, whoever holds its id is shown that, and why; before that (a status
     * may come before its order) it is not found.
     */
    @Test
    void anOrderNeverReadIsShownOnceItIsRejected() {
        Order unread = ShopEvents.order("till-6", 1, "cod-and-chips");
        shop.publish(ShopEvents.status(unread, OrderStatus.PREPARING, "preparer-1"));
        awaitInSync();
        rest.get().uri("/orders/{id}", unread.id()).exchange().expectStatus().isNotFound();

        shop.publish(OrderStatusChanged.rejected(unread.id(), null, 0, Instant.now(), "preparer-1",
                "its message went to chippy.orders.DLT: unreadable"));
        OrderView view = awaitStatus(unread, OrderStatus.REJECTED);
        assertThat(view.lines()).isEmpty();
        assertThat(view.tillId()).isNull();
        assertThat(view.history()).extracting(OrderView.HistoryEntry::status)
                .containsExactly(OrderStatus.PREPARING, OrderStatus.REJECTED);
        assertThat(view.history().get(1).reason()).isEqualTo("its message went to chippy.orders.DLT: unreadable");
    }

    @Test
    void aClientCanWaitForAnOrderToBeReady() throws Exception {
        Order order = ShopEvents.order("till-4", 1, "cod-and-chips");
        shop.publish(ShopEvents.placed(order));
        awaitStatus(order, OrderStatus.PLACED);

        var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> rest.get()
                .uri("/orders/{id}?waitFor=READY&timeout=30s", order.id()).exchange()
                .expectStatus().isOk().expectBody(OrderView.class).returnResult().getResponseBody());
        shop.publish(ShopEvents.status(order, OrderStatus.READY, "preparer-1"));

        assertThat(waiting.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.READY);
    }

    @Test
    void aWaitThatTimesOutAnswersWithTheOrderAsItIs() {
        Order order = ShopEvents.order("till-4", 2, "chips");
        shop.publish(ShopEvents.placed(order));
        awaitStatus(order, OrderStatus.PLACED);

        rest.get().uri("/orders/{id}?waitFor=READY&timeout=200ms", order.id()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PLACED");
        rest.get().uri("/orders/{id}?waitFor=READY&timeout=200ms", UUID.randomUUID()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void ordersCanBeListedByTillAndStatus() {
        Order ready = ShopEvents.order("list-till", 1, "chips");
        Order placedOnly = ShopEvents.order("list-till", 2, "chips");
        ShopEvents.lifeOf(ready).forEach(shop::publish);
        shop.publish(ShopEvents.placed(placedOnly));
        awaitStatus(ready, OrderStatus.READY);
        awaitStatus(placedOnly, OrderStatus.PLACED);

        rest.get().uri("/orders?tillId=list-till&status=READY").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.content.length()").isEqualTo(1)
                .jsonPath("$.content[0].orderId").isEqualTo(ready.id().toString())
                .jsonPath("$.page.totalElements").isEqualTo(1);
        rest.get().uri("/orders?tillId=list-till&size=1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.content[0].number").isEqualTo(2)
                .jsonPath("$.page.totalPages").isEqualTo(2);
    }

    @Test
    void badQueriesAreAnsweredWithProblemsThatNameTheParameter() {
        problem("/orders?status=COLD", 400, "status: 'COLD' is not one of [PLACED, PREPARING, WAITING_FOR_COOK, COOKED, READY, REJECTED]");
        problem("/orders?size=0", 400, "size: must be greater than or equal to 1");
        problem("/orders?size=100000", 400, "size: must be less than or equal to 500");
        problem("/orders?tillId=Till%201", 400, "tillId:");
        problem("/orders/not-a-uuid", 400, "id: 'not-a-uuid' is not a UUID");
        problem("/orders/" + UUID.randomUUID(), 404, "has been recorded");
        problem("/orders/" + UUID.randomUUID() + "?waitFor=READY&timeout=2h", 400, "timeout must be between 0 and 60s");
    }

    private void problem(String uri, int status, String detail) {
        rest.get().uri(uri).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, text -> assertThat(text).as(uri).contains(detail));
    }

    private OrderView awaitStatus(Order order, OrderStatus status) {
        return await("order " + order.number() + " of " + order.tillId() + " is " + status).atMost(Duration.ofSeconds(30))
                .until(() -> find(order), view -> view != null && view.status() == status);
    }

    /** The stored order, or null while it is not stored yet. */
    private OrderView find(Order order) {
        var result = rest.get().uri("/orders/{id}", order.id()).exchange().returnResult(String.class);
        if (result.getStatus().value() == 404) {
            return null;
        }
        assertThat(result.getStatus().value()).isEqualTo(200);
        return json.readValue(result.getResponseBody(), OrderView.class);
    }

    private void awaitInSync() {
        await("the record keeper is in sync with Kafka").atMost(Duration.ofSeconds(30)).until(() ->
                Boolean.TRUE.equals(rest.get().uri("/sync").exchange().returnResult(dev.chippy.sink.sync.SyncReport.class)
                        .getResponseBody().inSync()));
    }

    private Stats stats() {
        return rest.get().uri("/stats").exchange().expectStatus().isOk().expectBody(Stats.class).returnResult().getResponseBody();
    }

    private long count(String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }

    private static Map<String, Long> delta(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new java.util.HashMap<>();
        after.forEach((key, value) -> delta.put(key, value - before.getOrDefault(key, 0L)));
        return delta;
    }
}
