package dev.chippy.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.chippy.port.Ports;
import dev.chippy.runner.fault.Proof;
import dev.chippy.event.CookRequested;
import dev.chippy.event.OrderPlaced;
import dev.chippy.event.WindowTallied;
import dev.chippy.menu.Menu;
import dev.chippy.order.OrderLine;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopGroup;
import dev.chippy.topic.ShopTopic;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole shop as deployed, started the way {@code ./chippy run} starts it: a Kafka broker
 * process, PostgreSQL, and every service from its packaged jar in a JVM of its own. Orders
 * go in over REST and are followed through the record keeper's API and its tables.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path runDir;
    private static Shop shop;
    private static RestTestClient till;
    private static RestTestClient recordKeeper;

    @BeforeAll
    static void openTheShop() throws IOException {
        Path home = Path.of(System.getProperty("chippy.home", "..")).toAbsolutePath().normalize();
        runDir = Files.createTempDirectory("chippy-shop-it");
        RunOptions options = RunOptions.parse("quiet", "--preparers=1", "--speed=0.05",
                "--kafka-port=" + Ports.free(0), "--postgres-port=" + Ports.free(0));
        shop = Shop.open(options, ShopPorts.free(), home, runDir, message -> System.out.println("[shop] " + message));
        till = RestTestClient.bindToServer().baseUrl("http://localhost:" + shop.ports().till()).build();
        recordKeeper = RestTestClient.bindToServer().baseUrl("http://localhost:" + shop.ports().sink()).build();
    }

    @AfterAll
    static void closeTheShop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    @Order(1)
    void ordersPlacedOverRestAreEachReadyOnceAndCountedRight() throws Exception {
        List<UUID> plaice = new ArrayList<>();
        List<UUID> noPlaice = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            place(i % 3 == 0, plaice, noPlaice);
        }

        Shop.Service second = shop.addPreparer();
        assertThat(second.name()).isEqualTo("preparer-2");
        awaitPartitionsShared();

        for (int i = 16; i <= 30; i++) {
            place(i % 3 == 0, plaice, noPlaice);
        }

        for (UUID order : plaice) {
            assertThat(statuses(awaitReady(order))).as("a plaice order goes round the cook")
                    .containsExactly("PLACED", "PREPARING", "WAITING_FOR_COOK", "COOKED", "READY");
        }
        for (UUID order : noPlaice) {
            assertThat(statuses(awaitReady(order))).as("an order without plaice never visits the cook")
                    .containsExactly("PLACED", "PREPARING", "READY");
        }
        try (KafkaTap tap = KafkaTap.open(shop.kafka().bootstrapServers(), ShopTopic.COOK_REQUESTS.topicName())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> tap.events(ShopTopic.COOK_REQUESTS).size() >= plaice.size());
            assertThat(tap.events(ShopTopic.COOK_REQUESTS, CookRequested.class)).extracting(CookRequested::orderId)
                    .containsExactlyInAnyOrderElementsOf(plaice);
        }

        JsonNode stats = get(recordKeeper, "/stats");
        assertThat(stats.get("orders").asLong()).isEqualTo(30);
        assertThat(stats.get("items").get("plaice-and-chips").asLong()).isEqualTo(10);
        assertThat(stats.get("items").get("cod-and-chips").asLong()).isEqualTo(30);
        assertThat(stats.get("items").get("chips").asLong()).as("20 orders of 2 × chips").isEqualTo(40);
        assertThat(stats.get("portions").get("plaice").asLong()).isEqualTo(10);
        assertThat(stats.get("portions").get("cod").asLong()).isEqualTo(30);
        assertThat(stats.get("portions").get("chips").asLong()).isEqualTo(10 + 30 + 40);
        assertThat(stats.get("revenuePence").asLong()).isEqualTo(30 * 895 + 10 * 995 + 40 * 325);
        assertThat(stats.get("ordersPerStatus").get("READY").asLong()).isEqualTo(30);
        assertThat(stats.get("gaps").size()).isZero();

        try (Connection db = DriverManager.getConnection(shop.postgresUrl(), "chippy", "chippy")) {
            assertThat(count(db, "select count(*) from orders where status = 'READY'")).isEqualTo(30);
            assertThat(count(db, "select count(*) from status_changes where status = 'READY'")).isEqualTo(30);
            assertThat(count(db, "select count(*) from status_changes where status = 'COOKED'")).isEqualTo(10);
            assertThat(count(db, "select count(distinct number) from orders where till_id = 'counter'")).isEqualTo(30);
        }
        await("the record keeper is in sync with Kafka").atMost(Duration.ofSeconds(30))
                .until(() -> get(recordKeeper, "/sync").get("inSync").asBoolean());

        theAnalystsClosedWindowsAgreeWithTheRecords();
    }

    /**
     * The analyst (Kafka Streams) and the record keeper (PostgreSQL) read the same orders in
     * groups of their own. Over windows the analyst has closed, its counts are the records':
     * orders and pence per till per minute, items and portions per five minutes, orders ready per minute.
     * The tallies it wrote to Kafka, as the record keeper stored them, say the same.
     */
    /**
     * The fault panel's {@code kill -9 till-service}: the simulated tills live in the till
     * service, and come back with it as they were (how many, how fast), so the shop's customers
     * keep coming; nothing they were told was accepted is lost.
     */
    @Test
    @Order(2)
    void theSimulatedTillsComeBackAsTheyWereWhenTheTillIsKilled() {
        String settings = "{\"tills\":2,\"plaice\":false,\"speedFactor\":0.05}";
        till.put().uri("/simulation").contentType(MediaType.APPLICATION_JSON).body(settings).exchange().expectStatus().isOk();
        till.post().uri("/simulation/start").exchange().expectStatus().isOk();
        await("the simulated tills take orders").atMost(Duration.ofSeconds(60))
                .until(() -> shop.proof().account().accepted() > 0);

        shop.faults().killAndRestart("till-service");
        long acceptedBefore = shop.proof().account().accepted();

        till.get().uri("/simulation").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.running").isEqualTo(true).jsonPath("$.tills").isEqualTo(2)
                .jsonPath("$.plaice").isEqualTo(false).jsonPath("$.speedFactor").isEqualTo(0.05);
        await("the customers keep coming").atMost(Duration.ofSeconds(60))
                .until(() -> shop.proof().account().accepted() >= acceptedBefore + 20);
        till.post().uri("/simulation/stop").exchange().expectStatus().isOk();
        Proof.Account account = await("every order settles").atMost(Duration.ofMinutes(1))
                .until(() -> shop.proof().account(), Proof.Account::holds);
        assertThat(account.readyTwiceCommitted()).isZero();
    }

    private static void theAnalystsClosedWindowsAgreeWithTheRecords() throws Exception {
        RestTestClient analyst = RestTestClient.bindToServer().baseUrl("http://localhost:" + shop.ports().analyst()).build();
        Map<String, List<Long>> tills = new TreeMap<>();
        Map<String, List<Long>> portions = new TreeMap<>();
        Map<String, List<Long>> items = new TreeMap<>();
        Map<String, List<Long>> ready = new TreeMap<>();
        Instant first;
        Instant last;
        try (Connection db = DriverManager.getConnection(shop.postgresUrl(), "chippy", "chippy");
             Statement statement = db.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select till_id, placed_at, total_pence from orders")) {
                while (rows.next()) {
                    Instant minute = rows.getTimestamp(2).toInstant().truncatedTo(ChronoUnit.MINUTES);
                    tills.merge(rows.getString(1) + "/" + minute, List.of(1L, rows.getLong(3)), ShopIT::add);
                }
            }
            try (ResultSet rows = statement.executeQuery("select o.placed_at, l.item, l.quantity from orders o"
                    + " join order_lines l on l.order_id = o.id")) {
                while (rows.next()) {
                    Instant minute = rows.getTimestamp(1).toInstant().truncatedTo(ChronoUnit.MINUTES);
                    int quantity = rows.getInt(3);
                    for (int back = 0; back < 5; back++) {
                        items.merge(rows.getString(2) + "/" + minute.minus(Duration.ofMinutes(back)), List.of((long) quantity),
                                ShopIT::add);
                    }
                    // Each order line counts in the five windows of five minutes that hold its minute.
                    Menu.standard().item(rows.getString(2)).portions().forEach((portion, each) -> {
                        for (int back = 0; back < 5; back++) {
                            portions.merge(portion.id() + "/" + minute.minus(Duration.ofMinutes(back)),
                                    List.of((long) each * quantity), ShopIT::add);
                        }
                    });
                }
            }
            try (ResultSet rows = statement.executeQuery("select ready_at from orders where ready_at is not null")) {
                while (rows.next()) {
                    ready.merge(WindowTallied.SHOP + "/" + rows.getTimestamp(1).toInstant().truncatedTo(ChronoUnit.MINUTES),
                            List.of(1L), ShopIT::add);
                }
            }
            try (ResultSet rows = statement.executeQuery("select min(placed_at), max(placed_at) from orders")) {
                rows.next();
                first = rows.getTimestamp(1).toInstant();
                last = rows.getTimestamp(2).toInstant();
            }
        }

        // Orders placed ten minutes on, one in each partition, take the analyst past every window above
        // and its grace (it closes a window only once every partition has moved past it). Their ids
        // put them in those partitions, so that their statuses follow them there, as every order's do.
        try (TestProducer laterTill = new TestProducer(shop.kafka().bootstrapServers())) {
            for (int partition = 0; partition < 3; partition++) {
                laterTill.publish(ShopTopic.ORDERS, OrderPlaced.of(new dev.chippy.order.Order(TestProducer.orderIdIn(partition, 3), "later",
                        partition + 1, last.plus(Duration.ofMinutes(10)), List.of(new OrderLine(Menu.standard().item("chips"), 1)))));
            }
        }
        String range = "?from=" + first.minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES) + "&to=" + last;
        await("the analyst closes the windows of the orders").atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(closedWindows(analyst, "/windows/orders-per-till" + range, "count", "total")).isEqualTo(tills);
            assertThat(closedWindows(analyst, "/windows/portions" + range, "total")).isEqualTo(portions);
            assertThat(closedWindows(analyst, "/windows/items" + range, "total")).isEqualTo(items);
            assertThat(closedWindows(analyst, "/windows/ready-time" + range, "count")).isEqualTo(ready);
        });

        await("the record keeper stores the analyst's tallies").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, List<Long>> stored = new TreeMap<>();
            try (Connection db = DriverManager.getConnection(shop.postgresUrl(), "chippy", "chippy");
                 Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("select subject, window_start, sum(count), sum(total)"
                         + " from shop_windows where measure = 'TILL_ORDERS' and subject <> 'later' group by 1, 2")) {
                while (rows.next()) {
                    stored.put(rows.getString(1) + "/" + rows.getTimestamp(2).toInstant(), List.of(rows.getLong(3), rows.getLong(4)));
                }
            }
            assertThat(stored).isEqualTo(tills);
        });
    }

    /** The analyst's windows, every one closed, as subject/start -> the figures named. */
    private static Map<String, List<Long>> closedWindows(RestTestClient analyst, String uri, String... figures) {
        Map<String, List<Long>> closed = new TreeMap<>();
        JsonNode windows = get(analyst, uri).get("windows");
        windows.forEach(window -> assertThat(window.get("closed").asBoolean()).as(window.toString()).isTrue());
        windows.forEach(window -> closed.put(window.get("subject").asString() + "/" + Instant.parse(window.get("start").asString()),
                Arrays.stream(figures).map(figure -> window.get(figure).asLong()).toList()));
        return closed;
    }

    /** Figures added up, one by one. */
    private static List<Long> add(List<Long> a, List<Long> b) {
        List<Long> sum = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            sum.add(a.get(i) + b.get(i));
        }
        return List.copyOf(sum);
    }

    private static void place(boolean withPlaice, List<UUID> plaice, List<UUID> noPlaice) {
        String lines = withPlaice
                ? "[{\"item\":\"cod-and-chips\",\"quantity\":1},{\"item\":\"plaice-and-chips\",\"quantity\":1}]"
                : "[{\"item\":\"cod-and-chips\",\"quantity\":1},{\"item\":\"chips\",\"quantity\":2}]";
        String answer = till.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .body("{\"lines\":" + lines + "}")
                .exchange().expectStatus().isAccepted()
                .expectBody(String.class).returnResult().getResponseBody();
        UUID id = UUID.fromString(JSON.readTree(answer).get("orderId").asString());
        (withPlaice ? plaice : noPlaice).add(id);
    }

    private static JsonNode awaitReady(UUID order) {
        JsonNode view = get(recordKeeper, "/orders/" + order + "?waitFor=READY&timeout=60s");
        assertThat(view.get("status").asString()).isEqualTo("READY");
        return view;
    }

    private static List<String> statuses(JsonNode order) {
        List<String> statuses = new ArrayList<>();
        order.get("history").forEach(entry -> statuses.add(entry.get("status").asString()));
        return statuses;
    }

    /** Both preparers are members of the group, and between them own every partition of the orders topic. */
    private static void awaitPartitionsShared() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, shop.kafka().bootstrapServers()))) {
            await("two preparers share the orders' partitions").atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(ShopGroup.PREPARERS))
                        .all().get(10, TimeUnit.SECONDS).get(ShopGroup.PREPARERS);
                assertThat(group.members()).hasSize(2);
                assertThat(group.members()).allSatisfy(member ->
                        assertThat(member.assignment().topicPartitions()).isNotEmpty());
                Set<TopicPartition> orders = group.members().stream().map(MemberDescription::assignment)
                        .flatMap(assignment -> assignment.topicPartitions().stream())
                        .filter(partition -> partition.topic().equals(ShopTopic.ORDERS.topicName()))
                        .collect(Collectors.toSet());
                assertThat(orders).hasSize(3);
            });
        }
    }

    private static JsonNode get(RestTestClient client, String uri) {
        return JSON.readTree(client.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
