package dev.chippy.preparer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderStatus;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.testsupport.PackagedApp;
import dev.chippy.testsupport.TestKafka;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged preparer, killed outright (SIGKILL) in the middle of an order: its open
 * transaction is never committed, another preparer takes over its partitions, and every
 * order is still ready exactly once.
 */
class PreparerCrashIT {

    private static TestKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void aPreparerKilledMidOrderLosesNothingAndDoublesNothing() throws InterruptedException {
        List<Order> orders = IntStream.rangeClosed(1, 40).mapToObj(PreparerCrashIT::order).toList();
        Set<UUID> ids = orders.stream().map(Order::id).collect(Collectors.toSet());

        PackagedApp doomed = preparer("preparer-doomed");
        try (TestProducer till = new TestProducer(kafka.bootstrapServers());
             KafkaTap tap = KafkaTap.open(kafka.bootstrapServers(), ShopTopic.ORDER_STATUS)) {
            orders.forEach(order -> till.publish(ShopTopic.ORDERS, OrderPlaced.of(order)));
            await("the doomed preparer has finished some orders and started another").atMost(Duration.ofSeconds(60))
                    .until(() -> ready(tap, ids).size() >= 3 && preparing(tap, ids).size() > ready(tap, ids).size());

            doomed.kill();
            int readyBeforeTheCrash = ready(tap, ids).size();

            try (PackagedApp survivor = preparer("preparer-survivor")) {
                await("every order is ready").atMost(Duration.ofSeconds(120)).until(() -> ready(tap, ids).size() == 40);
                Map<UUID, Long> readyPerOrder = tap.events(ShopTopic.ORDER_STATUS, OrderStatusChanged.class).stream()
                        .filter(status -> ids.contains(status.orderId()) && status.status() == OrderStatus.READY)
                        .collect(Collectors.groupingBy(OrderStatusChanged::orderId, Collectors.counting()));
                assertThat(readyPerOrder).hasSize(40).allSatisfy((id, count) -> assertThat(count).isOne());
                assertThat(readyBeforeTheCrash).isLessThan(40);
                assertThat(ready(tap, ids)).extracting(OrderStatusChanged::by).contains("preparer-survivor");
            }
        }
    }

    private static PackagedApp preparer(String name) {
        return PackagedApp.ofThisModule(name)
                .property("spring.kafka.bootstrap-servers", kafka.bootstrapServers())
                .property("chippy.preparer.name", name)
                // 50 to 100 ms an order: slow enough to be caught in the middle of one.
                .property("chippy.shop.speed-factor", 0.1)
                .start();
    }

    private static List<OrderStatusChanged> ready(KafkaTap tap, Set<UUID> ids) {
        return statuses(tap, ids, OrderStatus.READY);
    }

    private static List<OrderStatusChanged> preparing(KafkaTap tap, Set<UUID> ids) {
        return statuses(tap, ids, OrderStatus.PREPARING);
    }

    private static List<OrderStatusChanged> statuses(KafkaTap tap, Set<UUID> ids, OrderStatus wanted) {
        return tap.events(ShopTopic.ORDER_STATUS, OrderStatusChanged.class).stream()
                .filter(status -> ids.contains(status.orderId()) && status.status() == wanted).toList();
    }

    private static Order order(int number) {
        return new Order(UUID.randomUUID(), "till-1", number, Instant.now(),
                List.of(new OrderLine(Menu.standard().item("cod-and-chips"), 1)));
    }
}
