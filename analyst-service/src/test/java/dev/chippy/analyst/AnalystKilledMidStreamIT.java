package dev.chippy.analyst;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.ShopJson;
import dev.chippy.event.WindowTallied;
import dev.chippy.event.WindowTallied.Measure;
import dev.chippy.menu.Menu;
import dev.chippy.menu.MenuItem;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.testsupport.PackagedApp;
import dev.chippy.testsupport.TestKafka;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged analyst, killed with {@code kill -9} while orders stream in, and started again:
 * its counts are rebuilt from their changelogs, it carries on from its last committed
 * transaction, and every order is counted exactly once, in its answers and in the tallies it
 * wrote for the rest of the shop.
 */
class AnalystKilledMidStreamIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int ORDERS = 900;
    /** The shop's default, which the analyst creates the topics with. */
    private static final int PARTITIONS = 3;
    private static final List<String> TILLS = List.of("till-1", "till-2", "till-3");
    private static final List<MenuItem> ITEMS = List.of(Menu.standard().item("cod-and-chips"),
            Menu.standard().item("chips"), Menu.standard().item("plaice-and-chips"));

    @Test
    void everyOrderIsCountedOnceAcrossAKill(@TempDir Path state) throws Exception {
        // An hour ago, an order every half second for seven and a half minutes: the windows are the
        // orders' own times, however fast they are sent now.
        Instant opened = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(new Order(UUID.randomUUID(), TILLS.get(i % TILLS.size()), i / TILLS.size() + 1,
                    opened.plusMillis(500L * i), List.of(new OrderLine(ITEMS.get(i % 7 % ITEMS.size()), 1 + i % 2))));
        }
        Map<String, List<Long>> expected = new TreeMap<>(); // till/minute -> [orders, pence]
        orders.forEach(order -> {
            expected.merge(order.tillId() + "/" + order.placedAt().truncatedTo(ChronoUnit.MINUTES),
                    List.of(1L, (long) order.totalPence()), (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
        });

        try (TestKafka kafka = TestKafka.start(); TestProducer tills = new TestProducer(kafka.bootstrapServers())) {
            PackagedApp analyst = start(kafka, state);
            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<Void> selling = CompletableFuture.runAsync(() -> orders.forEach(order -> {
                tills.publish(ShopTopic.ORDERS, OrderPlaced.of(order));
                sent.incrementAndGet();
            }));
            await("the analyst counts").atMost(Duration.ofSeconds(120)).until(() -> counted(analyst, opened) > 0);
            int sentAtKill = sent.get();
            analyst.kill();
            selling.get();
            // An order in every partition twenty minutes on moves the analyst past every window above and its grace.
            for (int partition = 0; partition < PARTITIONS; partition++) {
                tills.publish(ShopTopic.ORDERS, OrderPlaced.of(new Order(TestProducer.orderIdIn(partition, PARTITIONS), "till-9",
                        partition + 1, opened.plus(Duration.ofMinutes(20)), List.of(new OrderLine(ITEMS.get(1), 1)))));
            }

            PackagedApp again = start(kafka, state);
            try {
                await("every window closed").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> closedWindows(again, opened).size() == expected.size());
                assertThat(sentAtKill).as("killed mid-stream").isLessThan(ORDERS);
                assertThat(closedWindows(again, opened)).isEqualTo(expected);
            } finally {
                again.close();
            }

            // The tallies it wrote for the rest of the shop: each window's latest, as a compacted topic keeps it.
            try (KafkaTap tap = KafkaTap.open(kafka.bootstrapServers(), ShopTopic.SHOP_WINDOWS)) {
                await("the tallies written").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    Map<String, WindowTallied> latest = new TreeMap<>();
                    tap.events(ShopTopic.SHOP_WINDOWS, WindowTallied.class).stream()
                            .filter(tally -> tally.measure() == Measure.TILL_ORDERS
                                    && tally.windowStart().isBefore(opened.plus(Duration.ofMinutes(10))))
                            .forEach(tally -> latest.put(tally.key(), tally));
                    // A window's tally is its partitions' shares added up.
                    Map<String, List<Long>> windows = new TreeMap<>();
                    latest.values().forEach(share -> windows.merge(share.subject() + "/" + share.windowStart(),
                            List.of(share.count(), share.total()), (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1))));
                    assertThat(windows).isEqualTo(expected);
                });
            }
        }
    }

    private static PackagedApp start(TestKafka kafka, Path state) {
        return PackagedApp.ofThisModule("analyst-service")
                .property("spring.kafka.bootstrap-servers", kafka.bootstrapServers())
                // The same directory each start, as a deployment keeps it: the restarted analyst has the
                // killed one's identity, so it fences the killed one's open transaction at once.
                .property("chippy.analyst.state-dir", state)
                .start();
    }

    /** Orders the analyst has counted so far in the test's first ten minutes. */
    private static long counted(PackagedApp analyst, Instant opened) throws Exception {
        long orders = 0;
        for (JsonNode window : windows(analyst, opened)) {
            orders += window.get("count").asLong();
        }
        return orders;
    }

    /** The closed windows of the first ten minutes, as till/minute -> orders, pence. */
    private static Map<String, List<Long>> closedWindows(PackagedApp analyst, Instant opened) throws Exception {
        Map<String, List<Long>> closed = new TreeMap<>();
        for (JsonNode window : windows(analyst, opened)) {
            if (window.get("closed").asBoolean()) {
                closed.put(window.get("subject").asString() + "/" + Instant.parse(window.get("start").asString()),
                        List.of(window.get("count").asLong(), window.get("total").asLong()));
            }
        }
        return closed;
    }

    private static JsonNode windows(PackagedApp analyst, Instant opened) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(analyst.url(
                "/windows/orders-per-till?from=" + opened + "&to=" + opened.plus(Duration.ofMinutes(10))))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503) {
            return ShopJson.mapper().createArrayNode(); // restoring its stores: nothing to read yet
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ShopJson.mapper().readTree(response.body()).get("windows");
    }
}
