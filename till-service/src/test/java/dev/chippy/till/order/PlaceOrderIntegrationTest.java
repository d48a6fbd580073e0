package dev.chippy.till.order;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.ShopJson;
import dev.chippy.menu.Menu;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderRequests;
import dev.chippy.testsupport.KafkaInfrastructure;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /orders} against a real Kafka broker: an accepted order is in Kafka, and a
 * bad one is refused with a problem that names what is wrong, and writes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KafkaInfrastructure.class)
@AutoConfigureRestTestClient
class PlaceOrderIntegrationTest {

    private static final AtomicInteger TILLS = new AtomicInteger();

    @Autowired
    RestTestClient rest;

    @Autowired
    KafkaConnectionDetails kafka;

    private KafkaTap tap;

    @BeforeEach
    void openTheTill() {
        await("the till is open").atMost(Duration.ofSeconds(60)).until(() ->
                rest.get().uri("/actuator/health/readiness").exchange().returnResult().getStatus().value() == 200);
        tap = KafkaTap.open(String.join(",", kafka.getBootstrapServers()), ShopTopic.ORDERS.topicName());
    }

    @AfterEach
    void closeTap() throws InterruptedException {
        tap.close();
    }

    @Test
    void anAcceptedOrderIsInKafkaWithItsTillsNextNumber() {
        String till = newTill();

        OrderAccepted first = place(till, "[{\"item\":\"cod-and-chips\",\"quantity\":2},{\"item\":\"large-chips\",\"quantity\":1}]");
        OrderAccepted second = place(till, "[{\"item\":\"chips\",\"quantity\":1}]");

        assertThat(first.tillId()).isEqualTo(till);
        assertThat(first.number()).isEqualTo(1);
        assertThat(second.number()).isEqualTo(2);
        OrderPlaced written = awaitOrder(first.orderId());
        assertThat(written.order().tillId()).isEqualTo(till);
        assertThat(written.order().number()).isEqualTo(1);
        assertThat(written.order().lines()).containsExactly(
                new OrderLine(Menu.standard().item("cod-and-chips"), 2),
                new OrderLine(Menu.standard().item("large-chips"), 1));
    }

    @Test
    void theAnswerSaysWhereToFollowTheOrder() {
        rest.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .body("{\"lines\":[{\"item\":\"fish-supper\",\"quantity\":1}]}")
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().valueMatches("Location", "http://localhost:8084/orders/[0-9a-f-]{36}")
                .expectBody()
                .jsonPath("$.tillId").isEqualTo("counter")
                .jsonPath("$.status").isEqualTo("PLACED");
    }

    @Test
    void theMenuListsItemsWithPricesAndPortions() {
        rest.get().uri("/menu").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id=='plaice-and-chips')].needsCook").isEqualTo(List.of(true))
                .jsonPath("$.items[?(@.id=='large-chips')].portions.chips").isEqualTo(List.of(2))
                .jsonPath("$.items[?(@.id=='cod-and-chips')].pricePence").isEqualTo(List.of(895));
    }

    @ParameterizedTest(name = "{0} is refused with {2}")
    @MethodSource("dev.chippy.till.order.BadOrders#all")
    void aBadOrderIsRefusedWithAProblemAndWritesNothing(String what, String body, int status, String title, String detail) {
        Set<String> ordersBefore = ordersWritten();

        rest.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo(title)
                .jsonPath("$.detail").value(String.class, text -> assertThat(text).contains(detail));

        assertNothingWasWrittenSince(ordersBefore);
    }

    @Test
    void anOrderThatIsNotJsonIsRefusedWith415() {
        Set<String> ordersBefore = ordersWritten();

        rest.post().uri("/orders").contentType(MediaType.TEXT_PLAIN).body("cod and chips please")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertNothingWasWrittenSince(ordersBefore);
    }

    @Test
    void anIdempotencyKeyThatIsTooLongIsRefused() {
        rest.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .header(OrderRequests.IDEMPOTENCY_KEY, "k".repeat(256))
                .body("{\"lines\":[{\"item\":\"chips\",\"quantity\":1}]}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, text -> assertThat(text).startsWith("Idempotency-Key:"));
    }

    @Test
    void theSameIdempotencyKeyWithTheSameOrderGetsTheFirstAnswerAndWritesOnce() {
        String till = newTill();
        String key = UUID.randomUUID().toString();
        String lines = "[{\"item\":\"plaice-and-chips\",\"quantity\":1}]";

        OrderAccepted first = place(till, lines, key);
        OrderAccepted again = place(till, lines, key);
        OrderAccepted next = place(till, lines);

        assertThat(again).isEqualTo(first);
        assertThat(next.number()).isEqualTo(first.number() + 1);
        awaitOrder(next.orderId());
        assertThat(ordersOf(till)).extracting(placed -> placed.order().number()).containsExactly(1L, 2L);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherOrderIsRefusedWith422() {
        String till = newTill();
        String key = UUID.randomUUID().toString();
        place(till, "[{\"item\":\"chips\",\"quantity\":1}]", key);

        rest.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .header(OrderRequests.IDEMPOTENCY_KEY, key)
                .body(body(till, "[{\"item\":\"chips\",\"quantity\":2}]"))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class,
                        text -> assertThat(text).contains("already used for a different order"));
    }

    private OrderAccepted place(String till, String lines) {
        return place(till, lines, null);
    }

    private OrderAccepted place(String till, String lines, String idempotencyKey) {
        RestTestClient.RequestBodySpec request = rest.post().uri("/orders").contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            request.header(OrderRequests.IDEMPOTENCY_KEY, idempotencyKey);
        }
        return request.body(body(till, lines)).exchange()
                .expectStatus().isAccepted()
                .expectBody(OrderAccepted.class).returnResult().getResponseBody();
    }

    private static String body(String till, String lines) {
        return "{\"tillId\":\"" + till + "\",\"lines\":" + lines + "}";
    }

    private OrderPlaced awaitOrder(UUID orderId) {
        return await("order " + orderId + " is in Kafka").atMost(Duration.ofSeconds(30)).until(
                () -> tap.events(ShopTopic.ORDERS, OrderPlaced.class).stream()
                        .filter(placed -> placed.orderId().equals(orderId)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    private List<OrderPlaced> ordersOf(String till) {
        return tap.events(ShopTopic.ORDERS, OrderPlaced.class).stream()
                .filter(placed -> placed.order().tillId().equals(till)).toList();
    }

    /**
     * Where each order the topic holds is (partition and offset), all of it read. The till
     * writes one transaction after another, so once an order placed now is accepted,
     * everything it wrote before is committed.
     */
    private Set<String> ordersWritten() {
        place(newTill(), "[{\"item\":\"chips\",\"quantity\":1}]");
        tap.awaitCaughtUp(ShopTopic.ORDERS.topicName());
        return tap.records(ShopTopic.ORDERS.topicName()).stream().map(PlaceOrderIntegrationTest::where)
                .collect(Collectors.toSet());
    }

    /**
     * Only the order placed here was written since: every partition is read to its committed
     * end, as an order refused by mistake may have gone to any of them. A failure names each
     * order written since, so it says where an unexpected one came from.
     */
    private void assertNothingWasWrittenSince(Set<String> ordersBefore) {
        OrderAccepted marker = place(newTill(), "[{\"item\":\"chips\",\"quantity\":1}]");
        tap.awaitCaughtUp(ShopTopic.ORDERS.topicName());
        List<String> since = tap.records(ShopTopic.ORDERS.topicName()).stream()
                .filter(record -> !ordersBefore.contains(where(record)))
                .map(record -> where(record) + " " + ShopJson.read(new String(record.value(), StandardCharsets.UTF_8)))
                .toList();
        assertThat(since).as("orders written since the bad one was refused (only the marker %s)", marker.orderId())
                .singleElement().asString().contains(marker.orderId().toString());
    }

    private static String where(ConsumerRecord<String, byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static String newTill() {
        return "it-" + TILLS.incrementAndGet();
    }
}
