package dev.chippy.runner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chippy.port.Ports;
import dev.chippy.testsupport.PackagedApp;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged till on a small heap, flooded with 40,000 orders that each carry a new
 * Idempotency-Key from a stream of new till ids: it stays up and answering, refuses what it
 * cannot remember with 429 problems, keeps every promise it made, and opens again promptly
 * after a restart with everything it remembers.
 *
 * <p>The flood is twice as many keys as the till may remember, and twice as many tills: a
 * till that remembered everything would answer 202 beyond its bound, which the test counts,
 * long before its heap ran out. Past the bound every request is refused the same way, so a
 * larger flood only takes longer on two cores ({@code -Dchippy.memory.requests} sets another:
 * 60,000 and 150,000 ran the same).
 *
 * <p>It tests the packaged till, not the test infrastructure, so it lives with the other
 * tests of packaged services and runs on the runner's own broker, once per build.
 */
class TillMemoryIT {

    private static final int REQUESTS = Integer.getInteger("chippy.memory.requests", 40_000);
    private static final int MAX_KEYS = 20_000;
    private static final int MAX_TILLS = 1_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path dir;
    private static KafkaBroker kafka;
    private static Path tillJar;
    private static PackagedApp till;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("chippy-till-memory");
        Path home = Path.of(System.getProperty("chippy.home", "..")).toAbsolutePath().normalize();
        kafka = KafkaBroker.launch(dir.resolve("kafka"), dir, Shop.libraries(home), Ports.free(0), Ports.free(0));
        kafka.awaitReady();
        tillJar = ChippyJars.of(home, "till-service");
        till = startTill();
    }

    private static PackagedApp startTill() {
        return PackagedApp.of("till-service", tillJar)
                .jvmOption("-Xmx128m")
                .jvmOption("-XX:+ExitOnOutOfMemoryError")
                .property("spring.kafka.bootstrap-servers", kafka.bootstrapServers())
                .property("chippy.till.max-idempotency-keys", MAX_KEYS)
                .property("chippy.till.max-tills", MAX_TILLS)
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        till.close();
        kafka.stop();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aFloodOfNewKeysAndTillsLeavesTheTillUpAndTrueToItsWord() throws Exception {
        String firstKey = "flood-0";
        String firstOrder = place("t-0", firstKey).body();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger(1);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            running.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                    HttpResponse<String> answer = place("t-" + (i % (2 * MAX_TILLS)), "flood-" + i);
                    statuses.computeIfAbsent(answer.statusCode(), status -> new AtomicInteger()).incrementAndGet();
                    if (answer.statusCode() != 202) {
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
                        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                                assertThat(type).startsWith("application/problem+json"));
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        Map<Integer, Integer> counted = new TreeMap<>();
        statuses.forEach((status, count) -> counted.put(status, count.get()));
        System.out.printf("Till memory flood: %d requests on -Xmx128m, by status %s%n", REQUESTS, counted);

        assertThat(till.isAlive()).as("the till is still running").isTrue();
        assertThat(counted.get(202)).isLessThanOrEqualTo(MAX_KEYS);
        assertThat(counted.get(429)).isPositive();
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(place("t-1", null).statusCode()).as("a known till without a key is still served").isEqualTo(202);
        assertThat(place("t-0", firstKey).body()).as("a key given before the flood keeps its promise").isEqualTo(firstOrder);

        till.stop();
        till = startTill();
        await("the till opens again with what it remembers").atMost(Duration.ofSeconds(90)).until(() ->
                get("/actuator/health/readiness").statusCode() == 200);
        assertThat(JSON.readTree(place("t-0", firstKey).body()).get("orderId"))
                .as("and still keeps it after a restart").isEqualTo(JSON.readTree(firstOrder).get("orderId"));
    }

    private HttpResponse<String> place(String tillId, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(till.url("/orders"))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"tillId\":\"" + tillId + "\",\"lines\":[{\"item\":\"chips\",\"quantity\":1}]}"));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(till.url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
