package dev.chippy.preparer.cabinet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import dev.chippy.event.CabinetStocked;
import dev.chippy.event.CabinetToppedUp;
import dev.chippy.event.CookRequested;
import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.menu.Menu;
import dev.chippy.menu.Portion;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderStatus;
import dev.chippy.preparer.PreparerApplication;
import dev.chippy.testsupport.CabinetHistory;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.testsupport.Listeners;
import dev.chippy.testsupport.TestKafka;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hot cabinets against a real broker, while one preparer becomes two and then three: the
 * cabinets move with their partitions, each new owner reads its cabinet back from Kafka, and
 * through it all no cabinet's stock goes below nothing, every top-up goes in once, and every
 * order is taken from its cabinet once, or waits for the fryer once.
 */
class HotCabinetsIntegrationTest {

    private static final int PARTITIONS = 3;
    private static final Portion COD = Menu.standard().portion("cod");
    private static final Portion CHIPS = Menu.standard().portion("chips");

    @Test
    void cabinetsShareOutWithThePartitionsAndNeverGoBelowNothing() throws InterruptedException {
        List<Order> orders = new ArrayList<>();
        List<CabinetToppedUp> topUps = new ArrayList<>();
        try (TestKafka kafka = TestKafka.start();
             TestProducer shop = new TestProducer(kafka.bootstrapServers());
             ConfigurableApplicationContext first = preparer(kafka, "preparer-a")) {
            Listeners.awaitAssignment(first);
            try (KafkaTap tap = KafkaTap.open(kafka.bootstrapServers(), ShopTopic.CABINET, ShopTopic.ORDER_STATUS,
                    ShopTopic.COOK_REQUESTS)) {
                topUp(shop, topUps, 8);
                sell(shop, orders, 40);
                try (ConfigurableApplicationContext second = preparer(kafka, "preparer-b")) {
                    awaitPartitions(second);
                    sell(shop, orders, 40);
                    topUp(shop, topUps, 6);
                    try (ConfigurableApplicationContext third = preparer(kafka, "preparer-c")) {
                        awaitPartitions(third);
                        sell(shop, orders, 40);
                        topUp(shop, topUps, 10);
                        sell(shop, orders, 40);

                        await("every order taken from its cabinet or sent to the fryer").atMost(Duration.ofSeconds(120))
                                .until(() -> byOrder(tap).size() == orders.size());
                        await("every top-up in its cabinet").atMost(Duration.ofSeconds(60))
                                .until(() -> changes(tap).stream().filter(change -> change.topUpId() != null).count()
                                        >= topUps.size());
                    }
                }

                List<CabinetStocked> changes = changes(tap);
                assertThat(byOrder(tap).values()).as("each order once").allSatisfy(change -> assertThat(change).hasSize(1));
                assertThat(changes.stream().filter(change -> change.topUpId() != null)
                        .collect(Collectors.groupingBy(CabinetStocked::topUpId, Collectors.counting())))
                        .as("each top-up once").hasSize(topUps.size()).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
                CabinetHistory.assertEveryStockFollowsFromTheOneBefore(changes);
                assertThat(changes).extracting(CabinetStocked::by).as("the cabinets moved between the preparers")
                        .contains("preparer-a", "preparer-b", "preparer-c");

                Set<UUID> taken = changes.stream().filter(change -> change.change() == CabinetStocked.Change.TAKEN)
                        .map(CabinetStocked::orderId).collect(Collectors.toSet());
                Set<UUID> waiting = changes.stream().filter(change -> change.change() == CabinetStocked.Change.SHORT)
                        .map(CabinetStocked::orderId).collect(Collectors.toSet());
                assertThat(taken).as("some orders served from the cabinets").isNotEmpty();
                assertThat(waiting).as("some orders the cabinets were short for").isNotEmpty();
                await("orders from the cabinet are ready, once").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(tap.events(ShopTopic.ORDER_STATUS, OrderStatusChanged.class).stream()
                                .filter(status -> status.status() == OrderStatus.READY).map(OrderStatusChanged::orderId).toList())
                                .containsExactlyInAnyOrderElementsOf(taken));
                assertThat(tap.events(ShopTopic.COOK_REQUESTS, CookRequested.class))
                        .as("an order the cabinet was short for has the fryer cook all of it")
                        .allSatisfy(request -> assertThat(request.portions()).isEqualTo(request.order().portions()))
                        .extracting(CookRequested::orderId).containsExactlyInAnyOrderElementsOf(waiting);
            }
        }
    }

    private static void topUp(TestProducer cook, List<CabinetToppedUp> topUps, int each) {
        for (int cabinet = 0; cabinet < PARTITIONS; cabinet++) {
            CabinetToppedUp toppedUp = new CabinetToppedUp(UUID.randomUUID(), cabinet, Map.of(COD, each, CHIPS, 2 * each),
                    "cook-1", Instant.now());
            cook.publishTo(ShopTopic.COOKED, cabinet, toppedUp);
            topUps.add(toppedUp);
        }
    }

    private static void sell(TestProducer till, List<Order> orders, int count) {
        IntStream.range(0, count).forEach(i -> {
            Order order = new Order(UUID.randomUUID(), "till-1", orders.size() + 1, Instant.now(),
                    List.of(new OrderLine(Menu.standard().item("cod-and-chips"), 1 + i % 2)));
            till.publish(ShopTopic.ORDERS, OrderPlaced.of(order));
            orders.add(order);
        });
    }

    /** Every cabinet change in the order written, per cabinet (each has its partition). */
    private static List<CabinetStocked> changes(KafkaTap tap) {
        return tap.events(ShopTopic.CABINET, CabinetStocked.class);
    }

    private static Map<UUID, List<CabinetStocked>> byOrder(KafkaTap tap) {
        return changes(tap).stream().filter(change -> change.orderId() != null)
                .collect(Collectors.groupingBy(CabinetStocked::orderId, LinkedHashMap::new, Collectors.toList()));
    }

    /** A preparer that joined has been given partitions, and with them cabinets, by the group. */
    private static void awaitPartitions(ConfigurableApplicationContext preparer) {
        await("a share of the partitions").atMost(Duration.ofSeconds(60)).until(() -> {
            var container = preparer.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("preparer");
            var partitions = container == null ? null : container.getAssignedPartitions();
            return partitions != null && !partitions.isEmpty();
        });
    }

    private static ConfigurableApplicationContext preparer(TestKafka kafka, String name) {
        return new SpringApplicationBuilder(PreparerApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--chippy.preparer.name=" + name,
                "--chippy.shop.speed-factor=0.01",
                "--chippy.cabinet.enabled=true");
    }
}
