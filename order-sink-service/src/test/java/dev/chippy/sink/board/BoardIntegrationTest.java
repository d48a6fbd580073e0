package dev.chippy.sink.board;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.chippy.event.ShopEvent;
import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;
import dev.chippy.sink.ShopEvents;
import dev.chippy.sink.kafka.TopicEnds;
import dev.chippy.testsupport.KafkaInfrastructure;
import dev.chippy.testsupport.Listeners;
import dev.chippy.testsupport.PostgresInfrastructure;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopGroup;
import dev.chippy.topic.ShopTopic;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live board against a real broker and PostgreSQL, watched the way a browser watches
 * it: a server-sent event stream from {@code /board/events}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Nothing listens on port 9: the board's till has no till service to pass orders to.
        properties = "chippy.sink.till-url=http://localhost:9")
@Import({KafkaInfrastructure.class, PostgresInfrastructure.class})
@AutoConfigureRestTestClient
class BoardIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    ApplicationContext service;

    @Autowired
    RestTestClient rest;

    @Autowired
    BoardProperties properties;

    @Autowired
    OrderBoard board;

    @Autowired
    ConsumerLag lag;

    @Autowired
    TopicEnds ends;

    private TestProducer shop;
    private BoardStream screen;

    @BeforeEach
    void open() throws Exception {
        Listeners.awaitAssignment(service);
        shop = new TestProducer(String.join(",", kafka.getBootstrapServers()));
        screen = BoardStream.open(URI.create("http://localhost:" + port + "/board/events"));
    }

    @AfterEach
    void close() {
        screen.close();
        shop.close();
    }

    @Test
    void anOrderAppearsOnItsTillAndThenOnTheReadyBoard() {
        await("the whole board at once").atMost(Duration.ofSeconds(10)).until(() -> screen.latest("board") != null);
        assertThat(screen.latest("lag")).as("and the lag with it").isNotNull();

        Order order = ShopEvents.order("board-till", 17, "cod-and-chips", "large-chips");
        shop.publish(ShopEvents.placed(order));
        await("order 17 on its till's pane").atMost(Duration.ofSeconds(30)).until(() ->
                texts(pane(screen.latest("board").get("tills"), "board-till")).contains("Order 17: cod & chips, large chips"));

        shop.publish(ShopEvents.status(order, OrderStatus.PREPARING, "preparer-2"));
        shop.publish(ShopEvents.status(order, OrderStatus.READY, "preparer-2"));
        await("ready on preparer-2's pane and on the ready board").atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode board = screen.latest("board");
            JsonNode preparer = pane(board.get("preparers"), "preparer-2");
            return texts(preparer).contains("Order ready 17: ✓ cod & chips, large chips")
                    && board.get("ready").valueStream().anyMatch(ready ->
                    ready.get("number").asLong() == 17 && ready.get("tillId").asString().equals("board-till"));
        });
        await("the counts follow").atMost(Duration.ofSeconds(30)).until(() -> screen.latest("counts") != null
                && screen.latest("counts").get("portions").get("cod").asLong() >= 1);
    }

    @Test
    void aThousandOrdersReachTheScreenInAFewCompactUpdates() {
        await().atMost(Duration.ofSeconds(10)).until(() -> screen.latest("board") != null);
        List<ShopEvent> events = new ArrayList<>();
        for (int number = 1; number <= 1000; number++) {
            events.addAll(ShopEvents.lifeOf(ShopEvents.order("busy-till-" + number % 4, number, "cod-and-chips")));
        }
        int before = screen.count("board");
        long started = System.nanoTime();

        shop.publishAll(events);
        await("everything stored, and the screen shown the board as it is then").atMost(Duration.ofSeconds(60)).until(() ->
                rest.get().uri("/sync").exchange().returnResult(dev.chippy.sink.sync.SyncReport.class).getResponseBody().inSync()
                        && screen.latest("board").get("version").asLong() == board.version());

        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        int pushes = screen.count("board") - before;
        assertThat(pushes).as("4000 events in %d ms: at most one push per %s", elapsedMs, properties.pushInterval())
                .isLessThanOrEqualTo((int) (elapsedMs / properties.pushInterval().toMillis()) + 2);
        JsonNode board = screen.latest("board");
        assertThat(board.get("tills").valueStream()).allSatisfy(till ->
                assertThat(till.get("lines").size()).isLessThanOrEqualTo(properties.entriesPerPane()));
        assertThat(board.get("ready").size()).isEqualTo(properties.entriesPerPane());
        assertThat(screen.largest("board")).as("characters in the largest push").isLessThan(40_000);
    }

    /**
     * Three cook requests, each in a Kafka transaction of its own as a preparer writes them,
     * take six offsets: each transaction's commit marker takes one. The cook's group commits
     * "last record + 1", one short of the end, the way Spring Kafka does.
     */
    @Test
    void theLagCountsRecordsWaitingNotOffsetsSoAGroupAtRestReadsNothing() throws Exception {
        TopicPartition requests = new TopicPartition(ShopTopic.COOK_REQUESTS.topicName(), 2);
        List<Long> offsets = new ArrayList<>();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "board-lag-test-" + UUID.randomUUID());
        try (KafkaProducer<String, String> preparer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            preparer.initTransactions();
            for (int i = 0; i < 3; i++) {
                preparer.beginTransaction();
                offsets.add(preparer.send(new ProducerRecord<>(requests.topic(), requests.partition(), "order-" + i, "{}")).get().offset());
                preparer.commitTransaction();
            }
        }
        String group = ShopGroup.COOKS;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers())))) {
            admin.alterConsumerGroupOffsets(group, Map.of(requests, new OffsetAndMetadata(offsets.get(2) + 1))).all().get();
            await("a group that has read everything has nothing waiting").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                lag.read();
                assertThat(waiting(group, 2)).isZero();
            });
            assertThat(ends.of(List.of(requests.topic()), Duration.ofSeconds(5)).get(requests) - (offsets.get(2) + 1))
                    .as("offsets behind the end: the last commit marker").isEqualTo(1);

            admin.alterConsumerGroupOffsets(group, Map.of(requests, new OffsetAndMetadata(offsets.get(0)))).all().get();
            await("three requests waiting, in six offsets").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                lag.read();
                assertThat(waiting(group, 2)).isEqualTo(3);
            });
            admin.alterConsumerGroupOffsets(group, Map.of(requests, new OffsetAndMetadata(offsets.get(1) + 1))).all().get();
            await("one read, two waiting").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                lag.read();
                assertThat(waiting(group, 2)).isEqualTo(1);
            });
        }
    }

    /** The latest lag of {@code partition} in {@code group}'s chart. */
    private long waiting(String group, int partition) {
        LagView.GroupLag chart = lag.view().groups().stream().filter(g -> g.group().equals(group)).findFirst().orElseThrow();
        List<Long> latest = chart.samples().get(chart.samples().size() - 1).lag();
        return latest.get(chart.partitions().indexOf(partition));
    }

    @Test
    void thePageItsMenuAndItsTill() {
        rest.get().uri("/").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(page -> assertThat(page).contains("Ready to collect", "app.js"));
        rest.get().uri("/board/menu").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(6)
                .jsonPath("$[0].id").isEqualTo("cod-and-chips")
                .jsonPath("$[0].pricePence").isEqualTo(895);
        rest.post().uri("/board/orders").contentType(MediaType.APPLICATION_JSON)
                .body("{\"lines\":[{\"item\":\"chips\",\"quantity\":1}]}")
                .exchange().expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("did not answer").as("no internal address").doesNotContain("localhost").doesNotContain(":9"));
        // No fault panel where the runner did not open the shop.
        rest.get().uri("/board/fault-panel").exchange().expectStatus().isNoContent();
    }

    private static JsonNode pane(JsonNode panes, String name) {
        return panes.valueStream().filter(pane -> pane.get("name").asString().equals(name)).findFirst().orElse(null);
    }

    private static List<String> texts(JsonNode pane) {
        return pane == null ? List.of() : pane.get("lines").valueStream().map(line -> line.get("text").asString()).toList();
    }
}
