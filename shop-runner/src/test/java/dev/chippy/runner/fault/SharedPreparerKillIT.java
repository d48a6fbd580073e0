package dev.chippy.runner.fault;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chippy.runner.Shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka queues (the {@code queue} scenario): six preparers share three partitions as a share
 * group, and one is killed with {@code kill -9} while it holds orders (if the first killed was
 * between two orders, the next is killed, up to three). Nothing acknowledges
 * them, so Kafka hands them to the other preparers (as soon as it sees the connection close, or
 * when their lock runs out), who prepare them.
 * The share group is at least once: an order may be prepared twice. Every order is still READY
 * exactly once in PostgreSQL, because its READY is the same event whoever writes it.
 */
class SharedPreparerKillIT {

    private static final int ORDERS = 150;
    /** Killed one after another until one was caught holding an order; three of the six stay. */
    private static final List<String> TO_KILL = List.of("preparer-2", "preparer-3", "preparer-4");

    @RegisterExtension
    final FaultHarness harness = new FaultHarness();

    @Test
    void aPreparerKilledHoldingOrdersLosesNoneAndNoneIsReadyTwice() throws Exception {
        // The talk's timings, 0.75 s to prepare an order: with the orders piling up, every preparer holds some.
        Shop shop = harness.open("queue", "--no-tills", "--speed=1");
        try (Customers customers = Customers.arrive(6, 4, ORDERS, FaultHarness.url(shop, "till-service"));
             Connection db = DriverManager.getConnection(shop.postgresUrl(), "chippy", "chippy")) {
            await("all six preparers at work").atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                    ShopInvariant.count(db, "select count(distinct done_by) from status_changes where status = 'PREPARING'") == 6);
            // A preparer may be between two orders when it dies (and then held none): the next one is killed.
            List<String> handedOn = List.of();
            for (String preparer : TO_KILL) {
                shop.kill(preparer);
                try {
                    handedOn = await("an order " + preparer + " held, prepared by another").atMost(Duration.ofSeconds(20))
                            .ignoreExceptions().until(() -> handedOn(db, preparer), found -> !found.isEmpty());
                    System.out.println("[queue] orders " + preparer + " was preparing when killed, then prepared by another: "
                            + handedOn);
                    break;
                } catch (org.awaitility.core.ConditionTimeoutException heldNone) {
                    System.out.println("[queue] " + preparer + " held no order when killed");
                }
            }
            assertThat(handedOn).as("orders a killed preparer held, handed to another preparer").isNotEmpty();

            await("every customer's order taken").atMost(Duration.ofMinutes(2)).until(() -> customers.acceptedCount() >= ORDERS);
            customers.awaitServed(Duration.ofMinutes(2));
            assertThat(customers.accepted()).hasSize(ORDERS);
            ShopInvariant.holds("a preparer of a share group killed (kill -9) holding orders", shop.postgresUrl(),
                    customers.accepted(), Duration.ofMinutes(2));
        }
    }

    private static List<String> handedOn(Connection db, String killed) throws java.sql.SQLException {
        return ShopInvariant.strings(db, "select order_id from status_changes where status = 'PREPARING' "
                + "group by order_id having count(*) filter (where done_by = '" + killed + "') > 0 "
                + "and count(*) filter (where done_by <> '" + killed + "') > 0");
    }
}
