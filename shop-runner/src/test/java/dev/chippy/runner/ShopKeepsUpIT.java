package dev.chippy.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.RestTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.chippy.port.Ports;
import dev.chippy.topic.ShopGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The default shop, as {@code ./chippy run} opens it, at the talk's own timings (no speed
 * factor: the claim is about those): three tills, a preparer per partition, the cook. Over
 * three stretches of about a minute each (as many orders as the tills place in a minute) the
 * orders not yet ready, placed-to-ready p95 and the board's lag stay small, and the last
 * stretch is no worse than the first (its median wait and its backlog). Every figure is the shop's own: {@code /stats}, its
 * PostgreSQL, its live board (in headless Chromium when there is one; screenshot
 * {@code shop.png}).
 */
class ShopKeepsUpIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** About a minute of the three tills' orders (2.3 orders a second). */
    private static final int ORDERS_PER_STRETCH = 140;
    private static final int STRETCHES = 3;
    /** Orders between the till and READY: a handful in flight (about 2.3/s × 2 s), never a queue. */
    private static final long MOST_NOT_READY = 25;
    private static final double MOST_P95_SECONDS = 8.0;
    private static final String PREPARERS = ShopGroup.PREPARERS;

    private static Shop shop;
    private static RestTestClient recordKeeper;
    private static BoardPage board;

    @BeforeAll
    static void openTheShop() throws IOException {
        Path home = Path.of(System.getProperty("chippy.home", "..")).toAbsolutePath().normalize();
        Path runDir = Files.createTempDirectory("chippy-shop-keeps-up-it");
        RunOptions options = RunOptions.parse("--kafka-port=" + Ports.free(0), "--postgres-port=" + Ports.free(0));
        assertThat(options.scenario().name()).isEqualTo("shop");
        shop = Shop.open(options, ShopPorts.free(), home, runDir, message -> System.out.println("[shop] " + message));
        recordKeeper = RestTestClient.bindToServer().baseUrl("http://localhost:" + shop.ports().sink()).build();
        if (LiveViewIT.aBrowserIsInstalled()) {
            board = BoardPage.open(shop);
        } else {
            System.out.println("[browser] no Chrome or Chromium: the board's lag is not checked");
        }
    }

    @AfterAll
    static void closeTheShop() throws IOException {
        try {
            if (board != null) {
                board.close();
            }
        } finally {
            if (shop != null) {
                shop.close();
            }
        }
    }

    /** What the shop says at the end of a stretch. */
    private record Stretch(int number, long orders, long notReady, long placed, long waitingForCook, double p50Seconds,
                           double p95Seconds, Long boardWaiting, Timestamp endedAt) {
    }

    @Test
    void theFullShopKeepsUpWithItsTillsAtTheTalksTimings() throws Exception {
        List<Stretch> stretches = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(shop.postgresUrl(), "chippy", "chippy")) {
            Timestamp start = firstOrderPlaced(db);
            for (int n = 1; n <= STRETCHES; n++) {
                long target = (long) n * ORDERS_PER_STRETCH;
                await("stretch " + n + ": " + target + " orders placed").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1)).until(() -> stats().get("orders").asLong() >= target);
                JsonNode stats = stats();
                JsonNode status = stats.get("ordersPerStatus");
                long notReady = stats.get("orders").asLong() - status.get("READY").asLong();
                Timestamp endedAt = now(db);
                stretches.add(new Stretch(n, stats.get("orders").asLong(), notReady, status.get("PLACED").asLong(),
                        status.get("WAITING_FOR_COOK").asLong(), Double.NaN, Double.NaN, board == null ? null : board.waiting(PREPARERS), endedAt));
            }
            Timestamp last = stretches.get(STRETCHES - 1).endedAt();
            await("every order placed in the last stretch ready").atMost(Duration.ofMinutes(1))
                    .until(() -> count(db, "select count(*) from orders where placed_at < ? and status <> 'READY'", last) == 0);
            for (int n = 0; n < STRETCHES; n++) {
                Stretch stretch = stretches.get(n);
                Timestamp from = n == 0 ? start : stretches.get(n - 1).endedAt();
                stretches.set(n, new Stretch(stretch.number(), stretch.orders(), stretch.notReady(), stretch.placed(),
                        stretch.waitingForCook(), percentileSeconds(db, 0.5, from, stretch.endedAt()),
                        percentileSeconds(db, 0.95, from, stretch.endedAt()), stretch.boardWaiting(), stretch.endedAt()));
            }
        } finally {
            if (board != null) {
                board.screenshot("shop");
            }
        }
        stretches.forEach(stretch -> System.out.printf(
                "[keeps up] stretch %d: %d orders, %d not ready (%d PLACED, %d WAITING_FOR_COOK), p50 %.2f s, p95 %.1f s,"
                        + " board: %s waiting%n",
                stretch.number(), stretch.orders(), stretch.notReady(), stretch.placed(), stretch.waitingForCook(),
                stretch.p50Seconds(), stretch.p95Seconds(), stretch.boardWaiting()));

        assertThat(stretches).allSatisfy(stretch -> {
            assertThat(stretch.notReady()).as("orders not ready after stretch %d", stretch.number()).isLessThanOrEqualTo(MOST_NOT_READY);
            assertThat(stretch.p95Seconds()).as("placed-to-ready p95 of stretch %d", stretch.number()).isLessThanOrEqualTo(MOST_P95_SECONDS);
            if (stretch.boardWaiting() != null) {
                assertThat(stretch.boardWaiting()).as("the board's preparers' lag after stretch %d", stretch.number())
                        .isLessThanOrEqualTo(MOST_NOT_READY);
            }
        });
        Stretch first = stretches.get(0);
        Stretch last = stretches.get(STRETCHES - 1);
        // A shop falling behind makes every order wait longer: the median grows. (Not p95: over a
        // stretch it is the 7th slowest of 140 orders, set by two or three plaice orders' luck with
        // the fryer, and it moved 0.7-1.5 times from first to last stretch on runs that kept up;
        // decision 11.) Each stretch's p95 is still held to its bound above.
        assertThat(last.p50Seconds()).as("the median does not grow from the first stretch to the last")
                .isLessThanOrEqualTo(first.p50Seconds() * 1.5);
        assertThat(last.notReady()).as("nor does the backlog").isLessThanOrEqualTo(Math.max(first.notReady() * 2, 10));
    }

    private static JsonNode stats() {
        return JSON.readTree(recordKeeper.get().uri("/stats").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static Timestamp firstOrderPlaced(Connection db) {
        Timestamp[] first = {null};
        await("the first order").atMost(Duration.ofMinutes(1)).until(() -> {
            try (PreparedStatement query = db.prepareStatement("select min(placed_at) from orders");
                 ResultSet result = query.executeQuery()) {
                result.next();
                first[0] = result.getTimestamp(1);
                return first[0] != null;
            }
        });
        return first[0];
    }

    private static Timestamp now(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select now()"); ResultSet result = query.executeQuery()) {
            result.next();
            return result.getTimestamp(1);
        }
    }

    /** A placed-to-ready percentile (0.5 for the median) of the orders placed in [from, to). */
    private static double percentileSeconds(Connection db, double percentile, Timestamp from, Timestamp to) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                select percentile_cont(?) within group (order by extract(epoch from ready_at - placed_at))
                from orders where placed_at >= ? and placed_at < ?""")) {
            query.setDouble(1, percentile);
            query.setTimestamp(2, from);
            query.setTimestamp(3, to);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getDouble(1);
            }
        }
    }

    private static long count(Connection db, String sql, Timestamp at) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setTimestamp(1, at);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
