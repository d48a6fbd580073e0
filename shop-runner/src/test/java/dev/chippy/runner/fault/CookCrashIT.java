package dev.chippy.runner.fault;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chippy.event.FoodCooked;
import dev.chippy.runner.Shop;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cook is killed with {@code kill -9} while plaice is in the fryer, and started again.
 * The transaction it had open is aborted when it comes back (same name, same transactional
 * id), it fries that plaice again, and the plaice is cooked once: one {@code FoodCooked} per
 * order in the committed topic, one COOKED and one READY per order.
 */
class CookCrashIT {

    private static final int ORDERS = 6;

    @RegisterExtension
    final FaultHarness harness = new FaultHarness();

    @Test
    void plaiceInTheFryerWhenTheCookIsKilledIsCookedOnceAndTheOrderReadyOnce() throws Exception {
        // Half the talk's speed: a portion fries for about 1.5 s, time enough to be killed in the middle.
        Shop shop = harness.open("quiet", "--preparers=1", "--speed=0.5");
        try (Customers customers = Customers.arrive(1, 1, ORDERS, FaultHarness.url(shop, "till-service"));
             Connection db = DriverManager.getConnection(shop.postgresUrl(), "chippy", "chippy")) {
            await("plaice is waiting for the cook").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    ShopInvariant.count(db, "select count(*) from orders where status = 'WAITING_FOR_COOK'") > 0);
            shop.faults().killAndRestart("cook-1");
            customers.awaitServed(Duration.ofMinutes(1));
            assertThat(customers.accepted()).hasSize(ORDERS);

            ShopInvariant.holds("cook killed (kill -9) mid-fry", shop.postgresUrl(), customers.accepted(), Duration.ofMinutes(2));
            ShopInvariant.proofAgrees(shop, Duration.ofMinutes(1));
            assertThat(ShopInvariant.count(db, "select count(*) from status_changes where status = 'COOKED'"))
                    .as("one COOKED per order").isEqualTo(ORDERS);
            try (KafkaTap tap = KafkaTap.open(shop.kafka().bootstrapServers(), ShopTopic.COOKED)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> tap.events(ShopTopic.COOKED).size() >= ORDERS);
                Map<UUID, Long> cooked = tap.events(ShopTopic.COOKED, FoodCooked.class).stream()
                        .collect(Collectors.groupingBy(food -> food.order().id(), Collectors.counting()));
                assertThat(cooked).as("plaice cooked once per order, in what the cook committed")
                        .hasSize(ORDERS).allSatisfy((order, times) -> assertThat(times).isEqualTo(1));
            }
        }
    }
}
