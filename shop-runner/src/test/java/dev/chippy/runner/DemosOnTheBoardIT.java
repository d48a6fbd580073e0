package dev.chippy.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chippy.port.Ports;
import dev.chippy.topic.ShopGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each of the talk's demos shows its lesson on the live board, in headless Chromium, on the
 * shop as {@code ./chippy run demoN} opens it (one shop per demo), each leaving a screenshot
 * in {@code shop-runner/target/screenshots}. Time runs twice as fast ({@code --speed=0.5}) to
 * keep the build short: every time in the shop halves, so arrival and preparing rates keep
 * their ratio and each lesson is the one the talk's timings give (the fixed cost of Kafka's
 * transactions weighs a little more, if anything against keeping up). Stretches are counted in
 * orders placed, never in seconds.
 */
class DemosOnTheBoardIT {

    private static final String PREPARERS = ShopGroup.PREPARERS;
    private static final Pattern COOKED = Pattern.compile("Cooked (\\d+):");

    @BeforeAll
    static void sayWhetherThereIsABrowser() {
        LiveViewIT.aBrowserIsThere(DemosOnTheBoardIT.class);
    }

    @BeforeEach
    void aBrowser() {
        LiveViewIT.assumeABrowser();
    }

    /**
     * Demo 1: one till, one preparer. The preparer keeps up: a few records waiting at most,
     * however many orders (demo 2 gains about two a second at this speed).
     */
    @Test
    void demo1OnePreparerKeepsUpWithOneTill() throws IOException {
        inShop("demo1", board -> {
            List<Long> readings = new ArrayList<>();
            long start = board.orders();
            await("40 orders placed, the lag read all along").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        Long waiting = board.waiting(PREPARERS);
                        if (waiting != null) {
                            readings.add(waiting);
                        }
                        return board.orders() >= start + 40;
                    });
            assertThat(readings).isNotEmpty().allSatisfy(waiting -> assertThat(waiting).isLessThanOrEqualTo(10));
        });
    }

    /** Demo 2: three tills, one preparer. The lag only grows. */
    @Test
    void demo2OnePreparerFallsBehindThreeTills() throws IOException {
        inShop("demo2", board -> {
            await("a first reading of the lag").atMost(Duration.ofMinutes(1)).until(() -> board.waiting(PREPARERS) != null);
            long first = board.waiting(PREPARERS);
            List<Long> readings = new ArrayList<>(List.of(first));
            await("the lag 30 records longer than at first").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        readings.add(board.waiting(PREPARERS));
                        return readings.get(readings.size() - 1) >= first + 30;
                    });
            await("and longer still").atMost(Duration.ofMinutes(1)).until(() -> board.waiting(PREPARERS) >= first + 45);
            assertThat(board.partitionsOwned()).containsOnlyKeys("preparer-1");
            assertThat(board.partitionsOwned().get("preparer-1")).containsExactly(0, 1, 2);
        });
    }

    /** Demo 3: three tills, two preparers in one group. They own disjoint partitions that together cover all three. */
    @Test
    void demo3TwoPreparersShareTheThreePartitions() throws IOException {
        inShop("demo3", board -> await("each preparer owns partitions of its own, all three between them")
                .atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    Map<String, List<Integer>> owned = board.partitionsOwned();
                    assertThat(owned).containsOnlyKeys("preparer-1", "preparer-2");
                    assertThat(owned.values()).allSatisfy(partitions -> assertThat(partitions).isNotEmpty());
                    Set<Integer> all = new HashSet<>();
                    owned.values().forEach(partitions -> partitions.forEach(partition ->
                            assertThat(all.add(partition)).as("partition %d owned once", partition).isTrue()));
                    assertThat(all).containsExactlyInAnyOrder(0, 1, 2);
                }));
    }

    /**
     * Demo 4: one till, one preparer, the cook. An order with plaice goes round the cook (the
     * cook's pane shows it cooked) and is ready after an order placed later than it.
     */
    @Test
    void demo4PlaiceGoesRoundTheCookAndALaterOrderIsReadyFirst() throws IOException {
        inShop("demo4", board -> await("a plaice order cooked, and ready after a later order")
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    List<Long> ready = board.readyNumbers();
                    for (String line : board.paneLines("cook-1")) {
                        Matcher cooked = COOKED.matcher(line);
                        if (cooked.find()) {
                            long plaice = Long.parseLong(cooked.group(1));
                            int readyAt = ready.indexOf(plaice);
                            // Newest first: a higher number further down was ready before it.
                            if (readyAt >= 0 && ready.subList(readyAt + 1, ready.size()).stream().anyMatch(number -> number > plaice)) {
                                System.out.println("[demo4] plaice order " + plaice + " ready after later orders; ready board " + ready);
                                return true;
                            }
                        }
                    }
                    return false;
                }));
    }

    private interface Lesson {
        void seenOn(BoardPage board) throws Exception;
    }

    /** Opens the demo's shop and its board, checks the lesson, keeps a screenshot, closes both. */
    private static void inShop(String demo, Lesson lesson) throws IOException {
        Path home = Path.of(System.getProperty("chippy.home", "..")).toAbsolutePath().normalize();
        Path runDir = Files.createTempDirectory("chippy-" + demo + "-it");
        RunOptions options = RunOptions.parse(demo, "--speed=0.5", "--kafka-port=" + Ports.free(0), "--postgres-port=" + Ports.free(0));
        try (Shop shop = Shop.open(options, ShopPorts.free(), home, runDir, message -> System.out.println("[" + demo + "] " + message));
             BoardPage board = BoardPage.open(shop)) {
            try {
                lesson.seenOn(board);
            } catch (IOException | RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                board.screenshot(demo);
            }
        }
    }
}
