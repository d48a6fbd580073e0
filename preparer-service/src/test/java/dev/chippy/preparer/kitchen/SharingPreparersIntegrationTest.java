package dev.chippy.preparer.kitchen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.ShareMemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;
import dev.chippy.preparer.PreparerApplication;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.testsupport.TestKafka;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopGroup;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Preparers as a share group (Kafka queues): more preparers than partitions, and every one of
 * them works; a poison order goes to the dead-letter topic and is rejected; an order a preparer
 * let go of mid-way is handed to another and ready once.
 */
class SharingPreparersIntegrationTest {

    private static TestKafka kafka;
    private static TestProducer till;

    @BeforeAll
    static void startKafka() {
        kafka = TestKafka.start();
        till = new TestProducer(kafka.bootstrapServers());
    }

    @AfterAll
    static void stopKafka() {
        till.close();
        kafka.close();
    }

    @Test
    void fourPreparersOnThreePartitionsAllWorkAndEveryOrderIsReadyOnce() throws Exception {
        List<ConfigurableApplicationContext> preparers = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            preparers.add(preparer("sharing-" + i, 0.02)); // the first creates the topics
        }
        try (KafkaTap tap = KafkaTap.open(kafka.bootstrapServers(), ShopTopic.ORDER_STATUS)) {
            await("four preparers each have a partition of the orders to share").atMost(Duration.ofSeconds(60))
                    .until(() -> ordersPartitionsPerMember().size() == 4
                            && ordersPartitionsPerMember().values().stream().noneMatch(Set::isEmpty));
            List<Order> orders = IntStream.range(0, 120).mapToObj(i -> KitchenOrders.codAndChips()).toList();
            orders.forEach(order -> till.publish(ShopTopic.ORDERS, OrderPlaced.of(order)));

            Map<UUID, List<OrderStatusChanged>> ready = OrderStatuses.awaitReady(tap, orders);
            assertThat(ready.values()).as("no preparer failed, so no order was handed out twice")
                    .allSatisfy(statuses -> assertThat(statuses).hasSize(1));
            assertThat(ready.values().stream().map(statuses -> statuses.get(0).by()).collect(Collectors.toSet()))
                    .as("four preparers on three partitions, and every one of them prepared orders")
                    .containsExactlyInAnyOrder("sharing-1", "sharing-2", "sharing-3", "sharing-4");
        } finally {
            preparers.forEach(ConfigurableApplicationContext::close);
        }
    }

    @Test
    void aPoisonOrderGoesToTheDeadLetterTopicIsRejectedAndTheNextOrderIsPrepared() throws Exception {
        try (ConfigurableApplicationContext preparer = preparer("sharing-poison", 0);
             KafkaTap tap = KafkaTap.open(kafka.bootstrapServers(), ShopTopic.ORDER_STATUS, ShopTopic.ORDERS)) {
            UUID poisoned = UUID.randomUUID();
            till.publishRaw(ShopTopic.ORDERS.topicName(), poisoned.toString(), "this is not JSON");
            Order good = KitchenOrders.codAndChips();
            till.publish(ShopTopic.ORDERS, OrderPlaced.of(good));

            OrderStatuses.awaitReady(tap, List.of(good));
            await("the poison is in the dead-letter topic").atMost(Duration.ofSeconds(30))
                    .until(() -> tap.deadLetters(ShopTopic.ORDERS).stream().anyMatch(r -> r.key().equals(poisoned.toString())));
            await("the poisoned order is rejected with the reason").atMost(Duration.ofSeconds(30)).until(() ->
                    tap.events(ShopTopic.ORDER_STATUS, OrderStatusChanged.class).stream().anyMatch(status ->
                            status.orderId().equals(poisoned) && status.status() == OrderStatus.REJECTED
                                    && status.reason().startsWith("its message went to chippy.orders.DLT")));
        }
    }

    @Test
    void anOrderAPreparerLetGoOfMidWayIsHandedToAnotherAndReadyOnce() throws Exception {
        List<Order> orders = IntStream.range(0, 3).mapToObj(i -> KitchenOrders.codAndChips()).toList();
        ConfigurableApplicationContext leaving = preparer("sharing-leaving", 2.0);
        try (KafkaTap tap = KafkaTap.open(kafka.bootstrapServers(), ShopTopic.ORDER_STATUS)) {
            orders.forEach(order -> till.publish(ShopTopic.ORDERS, OrderPlaced.of(order)));
            await("sharing-leaving is in the middle of an order").atMost(Duration.ofSeconds(60)).until(() ->
                    OrderStatuses.of(tap, orders).stream().anyMatch(status -> status.by().equals("sharing-leaving")));
            UUID heldWhenLeaving = OrderStatuses.of(tap, orders).stream().filter(status -> status.by().equals("sharing-leaving"))
                    .map(OrderStatusChanged::orderId).findFirst().orElseThrow();

            leaving.close(); // it releases the order it holds: Kafka hands it out again, its delivery count 2

            try (ConfigurableApplicationContext staying = preparer("sharing-staying", 0)) {
                Map<UUID, List<OrderStatusChanged>> ready = OrderStatuses.awaitReady(tap, orders);
                assertThat(ready.values()).allSatisfy(statuses -> assertThat(statuses).hasSize(1));
                assertThat(ready.get(heldWhenLeaving).get(0).by()).isEqualTo("sharing-staying");
                assertThat(OrderStatuses.of(tap, orders)).filteredOn(status -> status.orderId().equals(heldWhenLeaving))
                        .extracting(OrderStatusChanged::status, OrderStatusChanged::by)
                        .as("picked up by one preparer, let go, and prepared by another")
                        .contains(org.assertj.core.groups.Tuple.tuple(OrderStatus.PREPARING, "sharing-leaving"),
                                org.assertj.core.groups.Tuple.tuple(OrderStatus.PREPARING, "sharing-staying"));
            }
        }
    }

    /** The members of the share group that read the orders, with the orders' partitions each was given. */
    private static Map<String, Set<Integer>> ordersPartitionsPerMember() throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            ShareGroupDescription group = admin.describeShareGroups(List.of(ShopGroup.PREPARERS_SHARING)).all().get()
                    .get(ShopGroup.PREPARERS_SHARING);
            return group.members().stream()
                    .filter(member -> member.assignment().topicPartitions().stream()
                            .anyMatch(partition -> partition.topic().equals(ShopTopic.ORDERS.topicName())))
                    .collect(Collectors.toMap(ShareMemberDescription::consumerId, member -> member.assignment().topicPartitions()
                            .stream().map(TopicPartition::partition).collect(Collectors.toSet())));
        }
    }

    private static ConfigurableApplicationContext preparer(String name, double speedFactor) {
        return new SpringApplicationBuilder(PreparerApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--chippy.preparer.name=" + name,
                "--chippy.preparer.share-group=true",
                "--chippy.shop.speed-factor=" + speedFactor);
    }
}
