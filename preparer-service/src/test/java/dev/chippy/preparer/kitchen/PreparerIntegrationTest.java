package dev.chippy.preparer.kitchen;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.support.KafkaHeaders;

import dev.chippy.event.CookRequested;
import dev.chippy.event.FoodCooked;
import dev.chippy.event.FoodNotCooked;
import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.event.ShopJson;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderStatus;
import dev.chippy.testsupport.KafkaInfrastructure;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.testsupport.Listeners;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A preparer against a real broker: orders in, statuses out, plaice round the cook (this
 * test plays the cook), poison to the dead-letter topic, every order ready exactly once.
 */
@SpringBootTest(properties = {"chippy.preparer.name=preparer-1", "chippy.shop.speed-factor=0"})
@Import(KafkaInfrastructure.class)
class PreparerIntegrationTest {

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    ApplicationContext service;

    private KafkaTap tap;
    private TestProducer till;

    @BeforeEach
    void open() {
        Listeners.awaitAssignment(service);
        String bootstrap = String.join(",", kafka.getBootstrapServers());
        tap = KafkaTap.open(bootstrap, ShopTopic.ORDER_STATUS, ShopTopic.COOK_REQUESTS, ShopTopic.ORDERS, ShopTopic.COOKED);
        till = new TestProducer(bootstrap);
    }

    @AfterEach
    void close() throws InterruptedException {
        till.close();
        tap.close();
    }

    @Test
    void anOrderWithoutPlaiceIsPreparedAndReadyWithoutVisitingTheCook() {
        Order order = KitchenOrders.codAndChips();

        till.publish(ShopTopic.ORDERS, OrderPlaced.of(order));

        awaitStatuses(order, OrderStatus.PREPARING, OrderStatus.READY);
        assertThat(statusesOf(order)).allSatisfy(status -> assertThat(status.by()).isEqualTo("preparer-1"));
        assertThat(tap.events(ShopTopic.COOK_REQUESTS, CookRequested.class))
                .noneMatch(request -> request.orderId().equals(order.id()));
    }

    @Test
    void anOrderWithPlaiceGoesToTheCookAndIsReadyWhenThePlaiceComesBack() {
        Order order = KitchenOrders.withPlaice();

        till.publish(ShopTopic.ORDERS, OrderPlaced.of(order));

        awaitStatuses(order, OrderStatus.PREPARING, OrderStatus.WAITING_FOR_COOK);
        CookRequested request = await().atMost(Duration.ofSeconds(30)).until(
                () -> tap.events(ShopTopic.COOK_REQUESTS, CookRequested.class).stream()
                        .filter(r -> r.orderId().equals(order.id())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(statusesOf(order)).extracting(OrderStatusChanged::status).doesNotContain(OrderStatus.READY);

        till.publish(ShopTopic.COOKED, FoodCooked.of(request, "cook-1", java.time.Instant.now()));

        awaitStatuses(order, OrderStatus.PREPARING, OrderStatus.WAITING_FOR_COOK, OrderStatus.READY);
    }

    @Test
    void manyOrdersAreEachReadyExactlyOnce() {
        List<Order> orders = IntStream.range(0, 300).mapToObj(i -> KitchenOrders.codAndChips()).toList();

        orders.forEach(order -> till.publish(ShopTopic.ORDERS, OrderPlaced.of(order)));

        await().atMost(Duration.ofSeconds(60)).until(() -> readyCount(orders) == orders.size());
        Map<UUID, Long> readyPerOrder = readyPerOrder(orders);
        assertThat(readyPerOrder).hasSize(300).allSatisfy((id, count) -> assertThat(count).isOne());
    }

    @Test
    void unreadableMessagesGoToTheDeadLetterTopicAndTheNextOrderIsStillPrepared() {
        String orders = ShopTopic.ORDERS.topicName();
        String unknownItem = ShopJson.write(OrderPlaced.of(KitchenOrders.codAndChips())).replace("large-chips", "haddock");
        String wrongType = ShopJson.write(OrderStatusChanged.of(KitchenOrders.codAndChips(), OrderStatus.READY,
                java.time.Instant.now(), "someone"));
        till.publishRaw(orders, "poison-1", "this is not JSON");
        till.publishRaw(orders, "poison-2", "{\"type\":\"OrderTeleported\",\"version\":9}");
        till.publishRaw(orders, "poison-3", unknownItem);
        till.publishRaw(orders, "poison-4", wrongType);
        Order good = KitchenOrders.codAndChips();
        till.publish(ShopTopic.ORDERS, OrderPlaced.of(good));

        awaitStatuses(good, OrderStatus.PREPARING, OrderStatus.READY);
        await().atMost(Duration.ofSeconds(30)).until(() -> tap.deadLetters(ShopTopic.ORDERS).size() >= 4);
        List<ConsumerRecord<String, byte[]>> dead = tap.deadLetters(ShopTopic.ORDERS);
        assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("poison-1", "poison-2", "poison-3", "poison-4");
        assertThat(dead).filteredOn(record -> record.key().equals("poison-1")).singleElement().satisfies(record -> {
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("this is not JSON");
            assertThat(header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(orders);
            assertThat(header(record, KafkaHeaders.DLT_EXCEPTION_FQCN)).contains("DeserializationException");
        });
        assertThat(dead).filteredOn(record -> record.key().equals("poison-3")).singleElement().satisfies(record ->
                assertThat(header(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN + "")).isNotNull());
        assertThat(dead).filteredOn(record -> record.key().equals("poison-4")).singleElement().satisfies(record ->
                assertThat(header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("does not belong on chippy.orders"));
        assertThat(statusesOf(good)).extracting(OrderStatusChanged::status).containsExactly(OrderStatus.PREPARING, OrderStatus.READY);
    }

    /** 6 lines of 20 plaice & chips: 120 portions, over six minutes of frying; never retried for ever. */
    @Test
    void anOrderTooBigForTheKitchenIsRejectedWithTheReasonAndNeverReachesTheCook() {
        OrderLine twenty = KitchenOrders.line("plaice-and-chips", 20);
        Order order = KitchenOrders.order(twenty, twenty, twenty, twenty, twenty, twenty);

        till.publish(ShopTopic.ORDERS, OrderPlaced.of(order));

        awaitStatuses(order, OrderStatus.PREPARING, OrderStatus.REJECTED);
        assertThat(statusesOf(order)).last().satisfies(rejected ->
                assertThat(rejected.reason()).contains("at most 8 portions of plaice").contains("this one has 120"));
        assertThat(tap.events(ShopTopic.COOK_REQUESTS, CookRequested.class)).noneMatch(r -> r.orderId().equals(order.id()));
    }

    /** When the cook says it could not cook an order's plaice, the order ends REJECTED instead of waiting for the cook. */
    @Test
    void anOrderTheCookCouldNotCookIsRejectedWithTheReason() {
        Order order = KitchenOrders.withPlaice();
        till.publish(ShopTopic.ORDERS, OrderPlaced.of(order));
        awaitStatuses(order, OrderStatus.PREPARING, OrderStatus.WAITING_FOR_COOK);

        till.publish(ShopTopic.COOKED, FoodNotCooked.of(order.id(), order, "the fryer is on fire", "cook-1", java.time.Instant.now()));

        awaitStatuses(order, OrderStatus.PREPARING, OrderStatus.WAITING_FOR_COOK, OrderStatus.REJECTED);
        assertThat(statusesOf(order)).last().satisfies(rejected ->
                assertThat(rejected.reason()).isEqualTo("the cook could not cook it: the fryer is on fire"));
    }

    /** An order whose message goes to the dead-letter topic ends REJECTED, saying why; it never sits there unanswered. */
    @Test
    void anOrderWhoseMessageIsADeadLetterIsRejectedWithTheReason() {
        UUID orderId = UUID.randomUUID();

        till.publishRaw(ShopTopic.ORDERS.topicName(), orderId.toString(), "{\"type\":\"OrderPlaced\",\"order\":\"burnt\"}");

        OrderStatusChanged rejected = await().atMost(Duration.ofSeconds(30)).until(
                () -> tap.events(ShopTopic.ORDER_STATUS, OrderStatusChanged.class).stream()
                        .filter(status -> status.orderId().equals(orderId)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.reason()).startsWith("its message went to chippy.orders.DLT: ");
        assertThat(rejected.by()).isEqualTo("preparer-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> tap.deadLetters(ShopTopic.ORDERS).stream()
                .anyMatch(record -> orderId.toString().equals(record.key())));
    }

    private void awaitStatuses(Order order, OrderStatus... statuses) {
        await("order " + order.number() + " is " + List.of(statuses)).atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(statusesOf(order)).extracting(OrderStatusChanged::status)
                        .containsExactly(statuses));
    }

    private List<OrderStatusChanged> statusesOf(Order order) {
        return tap.events(ShopTopic.ORDER_STATUS, OrderStatusChanged.class).stream()
                .filter(status -> status.orderId().equals(order.id())).toList();
    }

    private long readyCount(List<Order> orders) {
        return readyPerOrder(orders).values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<UUID, Long> readyPerOrder(List<Order> orders) {
        List<UUID> ids = orders.stream().map(Order::id).toList();
        return tap.events(ShopTopic.ORDER_STATUS, OrderStatusChanged.class).stream()
                .filter(status -> status.status() == OrderStatus.READY && ids.contains(status.orderId()))
                .collect(java.util.stream.Collectors.groupingBy(OrderStatusChanged::orderId, java.util.stream.Collectors.counting()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
