package dev.chippy.preparer.kitchen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.order.Order;
import dev.chippy.preparer.PreparerApplication;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.testsupport.Listeners;
import dev.chippy.testsupport.TestKafka;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Preparers in one consumer group: they share the partitions out, and an order is ready
 * exactly once whoever prepares it, even when a preparer leaves in the middle of one.
 */
class PreparerGroupIntegrationTest {

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
    void twoPreparersShareThePartitionsAndPrepareEveryOrderOnce() throws InterruptedException {
        try (ConfigurableApplicationContext first = preparer("preparer-a", 0);
             ConfigurableApplicationContext second = joining("preparer-b", 0);
             KafkaTap tap = KafkaTap.open(kafka.bootstrapServers(), ShopTopic.ORDER_STATUS)) {
            await("both preparers have partitions").atMost(Duration.ofSeconds(60)).until(() ->
                    !assigned(first).isEmpty() && !assigned(second).isEmpty()
                            && assigned(first).size() + assigned(second).size() == 6);
            Set<TopicPartition> mine = assigned(first);
            Set<TopicPartition> theirs = assigned(second);
            assertThat(mine).doesNotContainAnyElementsOf(theirs);
            Set<TopicPartition> all = new HashSet<>(mine);
            all.addAll(theirs);
            assertThat(all).as("every partition of the orders and cooked topics has one preparer")
                    .containsExactlyInAnyOrderElementsOf(partitions(ShopTopic.ORDERS, ShopTopic.COOKED));

            List<Order> orders = IntStream.range(0, 200).mapToObj(i -> KitchenOrders.codAndChips()).toList();
            orders.forEach(order -> till.publish(ShopTopic.ORDERS, OrderPlaced.of(order)));

            Map<UUID, List<OrderStatusChanged>> ready = OrderStatuses.awaitReady(tap, orders);
            assertThat(ready.values()).allSatisfy(statuses -> assertThat(statuses).hasSize(1));
            assertThat(ready.values().stream().map(statuses -> statuses.get(0).by()).collect(Collectors.toSet()))
                    .as("both preparers did some of the work")
                    .containsExactlyInAnyOrder("preparer-a", "preparer-b");
        }
    }

    @Test
    void aPreparerThatStopsMidOrderHandsItBackAndAnotherFinishesIt() throws InterruptedException {
        List<Order> orders = IntStream.range(0, 4).mapToObj(i -> KitchenOrders.codAndChips()).toList();
        ConfigurableApplicationContext leaving = preparer("preparer-leaving", 2.0);
        try (KafkaTap tap = KafkaTap.open(kafka.bootstrapServers(), ShopTopic.ORDER_STATUS)) {
            orders.forEach(order -> till.publish(ShopTopic.ORDERS, OrderPlaced.of(order)));
            await("preparer-leaving is in the middle of an order").atMost(Duration.ofSeconds(60)).until(() ->
                    OrderStatuses.of(tap, orders).stream().anyMatch(status -> status.by().equals("preparer-leaving")));

            leaving.close();

            try (ConfigurableApplicationContext staying = preparer("preparer-staying", 0)) {
                Map<UUID, List<OrderStatusChanged>> ready = OrderStatuses.awaitReady(tap, orders);
                assertThat(ready.values()).allSatisfy(statuses -> assertThat(statuses).hasSize(1));
                assertThat(ready.values()).anySatisfy(statuses ->
                        assertThat(statuses.get(0).by()).isEqualTo("preparer-staying"));
            }
        }
    }

    /** A preparer alone in the group, once it has every partition. */
    private static ConfigurableApplicationContext preparer(String name, double speedFactor) {
        ConfigurableApplicationContext preparer = joining(name, speedFactor);
        Listeners.awaitAssignment(preparer);
        return preparer;
    }

    /** A preparer joining others: its share of the partitions is the test's to wait for. */
    private static ConfigurableApplicationContext joining(String name, double speedFactor) {
        return new SpringApplicationBuilder(PreparerApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--chippy.preparer.name=" + name,
                "--chippy.shop.speed-factor=" + speedFactor);
    }

    private static Set<TopicPartition> assigned(ConfigurableApplicationContext preparer) {
        var container = preparer.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("preparer");
        var partitions = container == null ? null : container.getAssignedPartitions();
        return partitions == null ? Set.of() : new HashSet<>(partitions);
    }

    private static List<TopicPartition> partitions(ShopTopic... topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (ShopTopic topic : topics) {
            for (int p = 0; p < 3; p++) {
                partitions.add(new TopicPartition(topic.topicName(), p));
            }
        }
        return partitions;
    }
}
