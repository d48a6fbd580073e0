package dev.chippy.sink.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import dev.chippy.sink.ShopEvents;
import dev.chippy.testsupport.KafkaInfrastructure;
import dev.chippy.testsupport.Listeners;
import dev.chippy.testsupport.PostgresInfrastructure;
import dev.chippy.testsupport.TestProducer;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The record keeper keeps storing while it is asked too much: at a steady order rate, 200
 * clients calling {@code /stats} over and over and 2,000 long-polls at once leave its lag
 * bounded and its readiness UP. {@code /stats} answers from one query at a time and long-polls
 * past their limit are refused at once, so neither crowds out storing or the probes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({KafkaInfrastructure.class, PostgresInfrastructure.class})
class SinkUnderLoadIntegrationTest {

    private static final int ORDERS_PER_SECOND = 50;
    private static final int STATS_CLIENTS = 200;
    private static final int LONG_POLLS = 2000;
    /** About ten seconds of the order rate's events: storing may fall behind a little, never run away. */
    private static final long LAG_BOUND = 10L * ORDERS_PER_SECOND * 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    ApplicationContext service;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void heavyQueriesAndLongPollsLeaveStoringOnTimeAndTheServiceReady() throws Exception {
        Listeners.awaitAssignment(service);
        ScheduledExecutorService orders = Executors.newSingleThreadScheduledExecutor();
        ExecutorService statsClients = Executors.newFixedThreadPool(STATS_CLIENTS);
        AtomicInteger statsAnswered = new AtomicInteger();
        Map<Integer, AtomicInteger> statsStatuses = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> pollStatuses = new ConcurrentHashMap<>();
        AtomicLong worstLag = new AtomicLong();
        AtomicInteger probes = new AtomicInteger();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (TestProducer shop = new TestProducer(String.join(",", kafka.getBootstrapServers()))) {
            AtomicInteger number = new AtomicInteger();
            orders.scheduleAtFixedRate(() -> shop.publishAll(ShopEvents.lifeOf(
                    ShopEvents.order("load-till", number.incrementAndGet(), "cod-and-chips"))),
                    0, 1_000_000 / ORDERS_PER_SECOND, TimeUnit.MICROSECONDS);
            for (int i = 0; i < STATS_CLIENTS; i++) {
                statsClients.submit(() -> {
                    while (System.nanoTime() < until) {
                        HttpResponse<String> stats = http.send(get("/stats"), HttpResponse.BodyHandlers.ofString());
                        statsStatuses.computeIfAbsent(stats.statusCode(), status -> new AtomicInteger()).incrementAndGet();
                        statsAnswered.incrementAndGet();
                    }
                    return null;
                });
            }
            List<CompletableFuture<Void>> polls = new ArrayList<>();
            for (int i = 0; i < LONG_POLLS; i++) {
                polls.add(http.sendAsync(get("/orders/" + UUID.randomUUID() + "?waitFor=READY&timeout=15s"),
                                HttpResponse.BodyHandlers.discarding())
                        .thenAccept(answer -> pollStatuses.computeIfAbsent(answer.statusCode(), status -> new AtomicInteger())
                                .incrementAndGet()));
            }
            while (System.nanoTime() < until) {
                HttpResponse<String> readiness = http.send(get("/actuator/health/readiness"), HttpResponse.BodyHandlers.ofString());
                assertThat(readiness.statusCode()).as("readiness while loaded: " + readiness.body()).isEqualTo(200);
                probes.incrementAndGet();
                worstLag.accumulateAndGet(lag(), Math::max);
                await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            }
            orders.shutdown();
            statsClients.shutdown();
            assertThat(statsClients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            orders.shutdownNow();
            statsClients.shutdownNow();
        }
        System.out.printf("Under load: %d /stats answered %s, %d long-polls answered %s, %d readiness probes UP, worst lag %d%n",
                statsAnswered.get(), statsStatuses, LONG_POLLS, pollStatuses, probes.get(), worstLag.get());
        assertThat(worstLag.get()).as("the record keeper's lag while loaded").isLessThan(LAG_BOUND);
        assertThat(statsStatuses.keySet()).containsOnly(200);
        assertThat(pollStatuses.keySet()).as("long-polls answered (at their timeout) or refused, nothing else").isSubsetOf(200, 404, 429, 503);
        await("everything stored once the orders stop").atMost(Duration.ofSeconds(60)).until(() -> lag() == 0);
    }

    private long lag() throws Exception {
        HttpResponse<String> sync = http.send(get("/sync"), HttpResponse.BodyHandlers.ofString());
        assertThat(sync.statusCode()).isEqualTo(200);
        return JSON.readTree(sync.body()).get("totalLag").asLong();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60)).GET().build();
    }
}
