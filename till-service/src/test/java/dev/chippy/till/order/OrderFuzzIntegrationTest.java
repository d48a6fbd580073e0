package dev.chippy.till.order;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import dev.chippy.event.OrderPlaced;
import dev.chippy.order.OrderRequests;
import dev.chippy.testsupport.KafkaInfrastructure;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.topic.ShopTopic;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /orders} fed thousands of generated and mutated requests over real HTTP, against
 * a real broker: valid orders bent in every way a client (or an attacker) might bend them —
 * deep nesting, huge numbers, 1.9 and "2" as quantities, misspelt and unknown fields, unicode
 * in till ids, oversized and malformed Idempotency-Keys, wrong or missing Content-Types,
 * truncated and random bodies. Whatever comes in, the till never answers 5xx, every refusal
 * is {@code application/problem+json}, and exactly the accepted orders are in Kafka.
 *
 * <p>The generator is seeded ({@code -Dchippy.fuzz.seed}, {@code -Dchippy.fuzz.inputs}), so a
 * failure can be replayed; the test prints how many inputs it tried and what they got.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KafkaInfrastructure.class)
class OrderFuzzIntegrationTest {

    static final long SEED = Long.getLong("chippy.fuzz.seed", 20261202L);
    static final int INPUTS = Integer.getInteger("chippy.fuzz.inputs", 3000);
    private static final List<String> ITEMS = List.of("cod-and-chips", "plaice-and-chips", "chips", "large-chips",
            "mushy-peas", "fish-supper");
    private static final String MUTATIONS = "{}[]\",:0123456789-.eE\\ ntfu";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    KafkaConnectionDetails kafka;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Random random;

    @Test
    void noGeneratedRequestGetsA5xxEveryRefusalIsAProblemAndOnlyAcceptedOrdersAreWritten() throws Exception {
        random = new Random(SEED);
        await("the till is open").atMost(Duration.ofSeconds(60)).until(() ->
                send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET().build()).statusCode() == 200);
        Set<UUID> accepted = new HashSet<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int tried = 0;
        int unsendable = 0;
        try (KafkaTap tap = KafkaTap.open(String.join(",", kafka.getBootstrapServers()), ShopTopic.ORDERS.topicName())) {
            // Orders written before this test (by other tests on the same broker) are not counted.
            Set<UUID> before = ordersIn(tap);
            while (tried < INPUTS) {
                HttpRequest request;
                try {
                    request = request();
                } catch (IllegalArgumentException notSendable) {
                    // A header value the HTTP client itself will not send (a line break): no server sees it.
                    unsendable++;
                    continue;
                }
                tried++;
                HttpResponse<String> response = send(request);
                int status = response.statusCode();
                statuses.merge(status, 1, Integer::sum);
                String what = describe(request) + " -> " + status + " " + response.body();
                assertThat(status).as(what).isLessThan(500);
                if (status == 202) {
                    accepted.add(UUID.fromString(JSON.readTree(response.body()).get("orderId").asString()));
                } else {
                    assertThat(status).as(what).isBetween(400, 499);
                    assertThat(response.headers().firstValue("Content-Type")).as(what)
                            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                    JsonNode problem = JSON.readTree(response.body());
                    assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
                }
            }
            System.out.printf("POST /orders fuzz (seed %d): %d inputs tried, %d accepted, %d refused, by status %s"
                            + " (%d generated requests the HTTP client would not send)%n",
                    SEED, tried, accepted.size(), tried - accepted.size(), statuses, unsendable);
            await("every accepted order is in Kafka").atMost(Duration.ofSeconds(60))
                    .until(() -> ordersIn(tap).containsAll(accepted));
            Set<UUID> written = ordersIn(tap);
            written.removeAll(before);
            assertThat(written).as("orders written to Kafka are exactly the accepted ones").isEqualTo(accepted);
        }
        assertThat(tried).isEqualTo(INPUTS);
        assertThat(accepted).as("the generator also makes valid orders").isNotEmpty();
    }

    private static Set<UUID> ordersIn(KafkaTap tap) {
        Set<UUID> ids = new HashSet<>();
        tap.events(ShopTopic.ORDERS, OrderPlaced.class).forEach(placed -> ids.add(placed.orderId()));
        return ids;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri().getPath() + " " + request.headers().map();
    }

    // ---- the generator ----

    private HttpRequest request() {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/orders")).timeout(Duration.ofSeconds(30));
        String contentType = mostly("application/json", () -> pick(
                () -> "application/json; charset=utf-8", () -> "application/problem+json", () -> "text/plain",
                () -> "application/x-www-form-urlencoded", () -> "multipart/form-data; boundary=x", () -> "application/xml",
                () -> "garbage", () -> "application/json; charset=klingon", () -> null));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        String key = idempotencyKey();
        if (key != null) {
            request.header(OrderRequests.IDEMPOTENCY_KEY, key);
        }
        byte[] body = body().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(40) == 0) {
            body = new byte[random.nextInt(300)];
            random.nextBytes(body);
        }
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private String idempotencyKey() {
        if (random.nextInt(10) < 6) {
            return null;
        }
        return pick(() -> UUID.randomUUID().toString(), () -> UUID.randomUUID().toString(), () -> UUID.randomUUID().toString(),
                () -> "k-" + random.nextInt(50),                       // reused keys: replays and conflicts
                () -> "",
                () -> " ",
                () -> "k".repeat(255),
                () -> "k".repeat(256),
                () -> "k".repeat(1 + random.nextInt(4000)),
                () -> "schlüssel-" + random.nextInt(1000),
                () -> "鍵🔑" + random.nextInt(1000),
                () -> "with space " + random.nextInt(1000),
                () -> "line\nbreak",
                () -> "tab\tkey",
                () -> randomString(1 + random.nextInt(40)));
    }

    private String body() {
        String order = order();
        return switch (random.nextInt(20)) {
            case 0, 1 -> truncate(order);
            case 2, 3 -> flip(order);
            case 4 -> pick(() -> "", () -> "null", () -> "[]", () -> "\"order\"", () -> "42", () -> "{}", () -> "{{",
                    () -> "{\"lines\":" + nested(1 + random.nextInt(3000)) + "}",
                    () -> nested(100 + random.nextInt(5000)),
                    () -> "{\"lines\":[{\"item\":\"chips\",\"quantity\":1}],\"padding\":\"" + "x".repeat(70_000) + "\"}",
                    () -> "{\"lines\":[{\"item\":\"chips\",\"quantity\":1}],\"lines\":[]}",
                    () -> "{\"lines\":[{\"item\":\"chips\",\"quantity\":1}]}garbage");
            default -> order;
        };
    }

    private String order() {
        StringBuilder json = new StringBuilder("{");
        List<String> fields = new ArrayList<>();
        if (random.nextInt(3) > 0) {
            fields.add("\"tillId\":" + tillId());
        }
        if (random.nextInt(40) > 0) {
            fields.add("\"lines\":" + lines());
        }
        if (random.nextInt(8) == 0) {
            fields.add(pick(() -> "\"tilId\":\"till-1\"", () -> "\"extra\":true", () -> "\"" + randomString(8) + "\":1",
                    () -> "\"lines2\":[]", () -> "\"tillId\":{\"nested\":1}"));
        }
        java.util.Collections.shuffle(fields, random);
        return json.append(String.join(",", fields)).append('}').toString();
    }

    private String tillId() {
        return mostly("\"till-" + random.nextInt(5) + "\"", () -> pick(() -> "\"counter\"", () -> "\"Till-1\"", () -> "\"till 1\"", () -> "\"\"", () -> "null", () -> "7",
                () -> "\"" + "t".repeat(32) + "\"", () -> "\"" + "t".repeat(33) + "\"", () -> "\"tïll-ünïcode\"",
                () -> "\"кассa-1\"", () -> "\"🐟-till\"", () -> "\"till-\\u0000\"", () -> "\"../../etc\"", () -> "[]",
                () -> "\"" + randomString(1 + random.nextInt(20)) + "\""));
    }

    private String lines() {
        int count = mostly(1 + random.nextInt(3), () -> pick(() -> 0, () -> 50, () -> 51, () -> random.nextInt(80)));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(line());
        }
        return mostly("[" + String.join(",", lines) + "]", () -> pick(() -> "null", () -> line(), () -> "\"lines\"", () -> "[null]"));
    }

    private String line() {
        List<String> fields = new ArrayList<>();
        if (random.nextInt(15) > 0) {
            fields.add("\"item\":" + mostly("\"" + ITEMS.get(random.nextInt(ITEMS.size())) + "\"", () -> pick(() -> "\"haddock\"", () -> "\"\"",
                    () -> "\"CHIPS\"", () -> "null", () -> "1", () -> "\"" + randomString(1 + random.nextInt(100)) + "\"",
                    () -> "\"" + "x".repeat(5000) + "\"")));
        }
        if (random.nextInt(15) > 0) {
            fields.add("\"quantity\":" + mostly(String.valueOf(1 + random.nextInt(20)), () -> pick(() -> "1.9", () -> "\"2\"", () -> "2.0", () -> "0", () -> "-1", () -> "21", () -> "1e2", () -> "1e400",
                    () -> "99999999999999999999999999", () -> "2147483648", () -> "-2147483649", () -> "null", () -> "true",
                    () -> "[]", () -> "{}", () -> "NaN", () -> "0x10", () -> "\"two\"", () -> "1" + "0".repeat(5000))));
        }
        if (random.nextInt(10) == 0) {
            fields.add("\"" + pick(() -> "qty", () -> "itme", () -> "note", () -> randomString(5)) + "\":\"?\"");
        }
        return "{" + String.join(",", fields) + "}";
    }

    private String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(random.nextInt(4) == 0 ? depth / 2 : depth);
    }

    private String truncate(String json) {
        return json.substring(0, random.nextInt(json.length() + 1));
    }

    private String flip(String json) {
        if (json.isEmpty()) {
            return json;
        }
        char[] chars = json.toCharArray();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            chars[random.nextInt(chars.length)] = MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
        }
        return new String(chars);
    }

    private String randomString(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) ('a' + random.nextInt(26)));
            } else if (kind < 8) {
                text.append("-_.~!*'();:@&=+$,/?#%0123456789".charAt(random.nextInt(31)));
            } else {
                text.appendCodePoint(0xA0 + random.nextInt(0x2FFF));
            }
        }
        return text.toString();
    }

    /** The well-formed choice four times in five, so that mutations meet otherwise valid orders. */
    private <T> T mostly(T wellFormed, Supplier<T> otherwise) {
        return random.nextInt(5) > 0 ? wellFormed : otherwise.get();
    }

    @SafeVarargs
    private <T> T pick(Supplier<T>... choices) {
        return choices[random.nextInt(choices.length)].get();
    }
}
