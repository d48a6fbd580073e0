package dev.chippy.runner.fault;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chippy.runner.KafkaBroker;
import dev.chippy.runner.Shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The only broker stops in the middle of a stream of orders and starts again on the same
 * data and port. While it is away the till refuses orders with 503 within its publish
 * timeout; afterwards every service carries on by itself, and every accepted order is READY
 * exactly once.
 */
class BrokerRestartIT {

    /** The till's {@code chippy.till.publish-timeout}, and a margin for a busy machine. */
    private static final Duration PUBLISH_TIMEOUT_AND_MARGIN = Duration.ofSeconds(3 + 3);

    @RegisterExtension
    final FaultHarness harness = new FaultHarness();

    @Test
    void everyServiceRecoversByItselfAndEveryAcceptedOrderIsReadyOnce() {
        Shop shop = harness.open("quiet", "--preparers=1", "--speed=0");
        String till = FaultHarness.url(shop, "till-service");
        List<Long> pids = shop.services().stream().map(service -> service.process().pid()).toList();
        KafkaBroker broker = shop.kafka().brokers().get(0);
        try (Customers customers = Customers.arrive(2, 4, till)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> customers.acceptedCount() >= 100);

            broker.stop();
            HttpResponse<String> whileAway = FaultHarness.placeOrder(till, PUBLISH_TIMEOUT_AND_MARGIN);
            assertThat(whileAway.statusCode()).as("an order while Kafka is away").isEqualTo(503);
            assertThat(whileAway.body()).contains("\"placed\":false");

            broker.start();
            shop.kafka().awaitReady();
            int before = customers.acceptedCount();
            await("orders are accepted again").atMost(Duration.ofMinutes(2)).until(() -> customers.acceptedCount() >= before + 100);
            customers.awaitServed(Duration.ofMinutes(1));
            System.out.println("[fault] broker restart, customers: " + customers + "; slowest 503 " + customers.slowestRefusal());

            assertThat(shop.services()).allSatisfy(service -> assertThat(service.process().isAlive()).isTrue());
            assertThat(shop.services().stream().map(service -> service.process().pid()).toList())
                    .as("no service was restarted").isEqualTo(pids);
            ShopInvariant.holds("broker restart", shop.postgresUrl(), customers.accepted(), Duration.ofMinutes(2));
        }
    }
}
