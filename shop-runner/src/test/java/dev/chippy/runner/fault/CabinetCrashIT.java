package dev.chippy.runner.fault;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chippy.event.CabinetStocked;
import dev.chippy.event.CabinetToppedUp;
import dev.chippy.event.CookRequested;
import dev.chippy.menu.Menu;
import dev.chippy.menu.Portion;
import dev.chippy.runner.Shop;
import dev.chippy.testsupport.CabinetHistory;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shop with hot cabinets (the {@code cabinet} scenario): a preparer that owns cabinets is
 * killed with {@code kill -9} the moment the cook has sent one of them a top-up, and started
 * again. Its cabinets move to the other preparer with their partitions, and back; the top-up
 * goes in once, no cabinet's stock goes below nothing or forgets a change, every order is READY
 * exactly once, and the homework's counts reconcile: every portion of cod and chips sold came
 * out of a cabinet or out of the fryer, once.
 */
class CabinetCrashIT {

    private static final int ORDERS = 60;

    @RegisterExtension
    final FaultHarness harness = new FaultHarness();

    private Shop shop;

    @Test
    void theCabinetsOwnerKilledMidTopUpLosesAndDoublesNothing() throws Exception {
        // A fifth of the talk's timings: the cook looks at the cabinets every 2 s.
        // The test's customers only: the simulated tills stay closed.
        shop = harness.open("cabinet", "--no-tills", "--preparers=2", "--speed=0.2");
        try (KafkaTap tap = KafkaTap.open(shop.kafka().bootstrapServers(), ShopTopic.CABINET, ShopTopic.COOKED,
                ShopTopic.COOK_REQUESTS);
             Customers customers = Customers.arrive(2, 6, ORDERS, FaultHarness.url(shop, "till-service"))) {
            await("the cabinets are filled and served from").atMost(Duration.ofSeconds(90)).until(() ->
                    changes(tap).stream().anyMatch(change -> change.change() == CabinetStocked.Change.TAKEN));
            int topUpsBefore = tap.events(ShopTopic.COOKED, CabinetToppedUp.class).size();
            await("a top-up on its way into preparer-1's cabinet").atMost(Duration.ofSeconds(90)).until(() ->
                    onItsWayTo("preparer-1", tap, topUpsBefore));
            shop.faults().killAndRestart("preparer-1");

            customers.awaitServed(Duration.ofMinutes(2));
            assertThat(customers.accepted()).hasSize(ORDERS);
            ShopInvariant.holds("a cabinet's owner killed (kill -9) mid-top-up", shop.postgresUrl(), customers.accepted(),
                    Duration.ofMinutes(2));
            ShopInvariant.proofAgrees(shop, Duration.ofMinutes(1));

            await("every order served from a cabinet or sent to the fryer").atMost(Duration.ofSeconds(30)).until(() ->
                    changes(tap).stream().filter(change -> change.orderId() != null).count() >= ORDERS);
            List<CabinetStocked> changes = changes(tap);
            CabinetHistory.assertEveryStockFollowsFromTheOneBefore(changes);
            assertThat(changes.stream().filter(change -> change.topUpId() != null)
                    .collect(Collectors.groupingBy(CabinetStocked::topUpId, Collectors.counting())))
                    .as("each top-up in once").allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
            Map<UUID, List<CabinetStocked>> byOrder = changes.stream().filter(change -> change.orderId() != null)
                    .collect(Collectors.groupingBy(CabinetStocked::orderId));
            assertThat(byOrder).as("each order served from its cabinet, or sent to the fryer, once")
                    .allSatisfy((order, once) -> assertThat(once).hasSize(1))
                    .containsKeys(customers.accepted().stream().map(Customers.Accepted::orderId).toArray(UUID[]::new));

            // The homework's counts: cod and chips sold = taken from the cabinets + fried for orders they were short for.
            Map<Portion, Integer> fromCabinets = new HashMap<>();
            changes.stream().filter(change -> change.change() == CabinetStocked.Change.TAKEN)
                    .forEach(change -> change.moved().forEach((portion, count) -> fromCabinets.merge(portion, count, Integer::sum)));
            Set<UUID> wentShort = changes.stream().filter(change -> change.change() == CabinetStocked.Change.SHORT)
                    .map(CabinetStocked::orderId).collect(Collectors.toSet());
            Map<Portion, Integer> fried = new HashMap<>();
            tap.events(ShopTopic.COOK_REQUESTS, CookRequested.class).stream().filter(request -> wentShort.contains(request.orderId()))
                    .forEach(request -> request.order().portionsFromTheCabinet()
                            .forEach((portion, count) -> fried.merge(portion, count, Integer::sum)));
            Map<Portion, Integer> sold = sold();
            Map<Portion, Integer> accounted = new HashMap<>(fromCabinets);
            fried.forEach((portion, count) -> accounted.merge(portion, count, Integer::sum));
            assertThat(accounted).as("taken %s + fried %s", fromCabinets, fried).isEqualTo(sold);
            System.out.printf("[cabinet] %d orders taken from a cabinet, %d short (fried), %d top-ups; sold %s = taken %s + fried %s%n",
                    changes.stream().filter(change -> change.change() == CabinetStocked.Change.TAKEN).count(), wentShort.size(),
                    changes.stream().filter(change -> change.topUpId() != null).count(), sold, fromCabinets, fried);
        }
    }

    /** A top-up the cook sent to a cabinet whose latest stock {@code preparer} wrote, not yet put in. */
    private static boolean onItsWayTo(String preparer, KafkaTap tap, int after) {
        List<CabinetToppedUp> topUps = tap.events(ShopTopic.COOKED, CabinetToppedUp.class);
        List<CabinetStocked> changes = changes(tap);
        Set<UUID> putIn = changes.stream().map(CabinetStocked::topUpId).collect(Collectors.toSet());
        Map<Integer, String> owners = new HashMap<>();
        changes.forEach(change -> owners.put(change.cabinet(), change.by()));
        return topUps.subList(Math.min(after, topUps.size()), topUps.size()).stream()
                .anyMatch(topUp -> !putIn.contains(topUp.eventId()) && preparer.equals(owners.get(topUp.cabinet())));
    }

    /** Cod and chips in the orders PostgreSQL holds. */
    private Map<Portion, Integer> sold() throws Exception {
        Map<Portion, Integer> sold = new HashMap<>();
        try (Connection db = DriverManager.getConnection(shop.postgresUrl(), "chippy", "chippy");
             Statement statement = db.createStatement();
             ResultSet lines = statement.executeQuery("select item, quantity from order_lines")) {
            while (lines.next()) {
                int quantity = lines.getInt(2);
                Menu.standard().item(lines.getString(1)).portions().forEach((portion, count) -> {
                    if (!portion.cookedToOrder()) {
                        sold.merge(portion, count * quantity, Integer::sum);
                    }
                });
            }
        }
        return sold;
    }

    private static List<CabinetStocked> changes(KafkaTap tap) {
        return tap.events(ShopTopic.CABINET, CabinetStocked.class);
    }
}
