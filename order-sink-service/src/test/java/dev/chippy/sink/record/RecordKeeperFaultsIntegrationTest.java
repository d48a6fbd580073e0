package dev.chippy.sink.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.chippy.event.ShopEvent;
import dev.chippy.order.Order;
import dev.chippy.sink.OrderSinkApplication;
import dev.chippy.sink.ShopEvents;
import dev.chippy.sink.sync.SyncReport;
import dev.chippy.testsupport.TestKafka;
import dev.chippy.testsupport.TestPostgres;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Real faults: the record keeper stopped in the middle of a stream and started again,
 * PostgreSQL stopped under load and started again, records deleted before they were stored,
 * topics laid out unequally. Every event ends up stored once, or the discrepancy is reported.
 */
@ExtendWith(OutputCaptureExtension.class)
class RecordKeeperFaultsIntegrationTest {

    private TestKafka kafka;
    private TestPostgres postgres;
    private TestProducer shop;
    private JdbcClient jdbc;

    @BeforeEach
    void start() {
        kafka = TestKafka.start();
        postgres = TestPostgres.start();
        shop = new TestProducer(kafka.bootstrapServers());
        jdbc = JdbcClient.create(new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(), postgres.password()));
    }

    @AfterEach
    void stop() {
        shop.close();
        postgres.close();
        kafka.close();
    }

    @Test
    void aRecordKeeperStoppedMidStreamAndStartedAgainStoresEverythingOnce() {
        List<ShopEvent> events = new ArrayList<>();
        for (int n = 1; n <= 6000; n++) {
            events.addAll(ShopEvents.lifeOf(ShopEvents.order("till-1", n, "cod-and-chips")));
        }

        try (ConfigurableApplicationContext first = recordKeeper("--spring.kafka.consumer.max-poll-records=50")) {
            shop.publishAll(events);
            await("the first record keeper is part way through").atMost(Duration.ofSeconds(60))
                    .until(() -> count("select count(*) from orders") >= 500);
        }
        long storedByTheFirst = count("select count(*) from orders");
        assertThat(storedByTheFirst).as("stopped in the middle").isLessThan(6000);

        try (ConfigurableApplicationContext second = recordKeeper()) {
            awaitEverythingStored(6000, 18_000);
            await("in sync").atMost(Duration.ofSeconds(30)).until(() -> sync(second).inSync());
        }
    }

    /**
     * Also the liveness of every listener thread: seconds after the database is back, every
     * partition is stored to its end (a thread left asleep in a retry would leave its
     * partitions behind), and the log says that storing stopped and started again.
     */
    @Test
    void postgresStoppedUnderLoadAndStartedAgainLosesNothing(CapturedOutput output) throws InterruptedException {
        try (ConfigurableApplicationContext keeper = recordKeeper()) {
            AtomicBoolean open = new AtomicBoolean(true);
            AtomicLong placed = new AtomicLong();
            Thread till = new Thread(() -> {
                while (open.get()) {
                    List<ShopEvent> batch = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        Order order = ShopEvents.order("till-1", placed.incrementAndGet(), "plaice-and-chips");
                        batch.addAll(ShopEvents.lifeOf(order));
                    }
                    shop.publishAll(batch);
                }
            }, "busy-till");
            till.start();

            await("orders are being stored").atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from orders") >= 200);
            postgres.stop();
            long placedWhileTheDatabaseWasAway = placed.get();
            await("orders keep coming while the database is away").atMost(Duration.ofSeconds(60))
                    .until(() -> placed.get() >= placedWhileTheDatabaseWasAway + 1000);
            open.set(false);
            till.join();
            postgres.restart();

            await("every partition stored to its end, promptly once the database is back")
                    .atMost(Duration.ofSeconds(30)).until(() -> sync(keeper).inSync());
            long orders = placed.get();
            awaitEverythingStored(orders, orders * 5);
            assertThat(output.getOut()).contains("Could not store a batch (attempt 1").contains("Storing again after");
        }
    }

    /**
     * Retention deleted records before the record keeper stored them (here while it was
     * stopped; Admin's delete-records does what retention does). /sync says so, for good,
     * instead of "in sync".
     */
    @Test
    void recordsDeletedBeforeTheyWereStoredAreReportedBySync() throws Exception {
        try (ConfigurableApplicationContext keeper = recordKeeper()) {
            shop.publishAll(placedOrders(1, 10));
            awaitEverythingPlaced(10);
        }
        shop.publishAll(placedOrders(11, 20));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, RecordsToDelete> everything = new HashMap<>();
            admin.listOffsets(IntStream.range(0, 3).boxed().collect(Collectors.toMap(
                            partition -> new TopicPartition(ShopTopic.ORDERS.topicName(), partition), partition -> OffsetSpec.latest())))
                    .all().get().forEach((partition, end) -> everything.put(partition, RecordsToDelete.beforeOffset(end.offset())));
            admin.deleteRecords(everything).all().get();
        }
        shop.publishAll(placedOrders(21, 22));

        try (ConfigurableApplicationContext keeper = recordKeeper()) {
            awaitEverythingPlaced(12);
            await("the records deleted before they were stored are reported").atMost(Duration.ofSeconds(30)).until(() ->
                    sync(keeper).partitions().stream().filter(p -> p.topic().equals(ShopTopic.ORDERS.topicName()))
                            .mapToLong(SyncReport.PartitionSync::missedOffsets).sum() == 10);
            SyncReport report = sync(keeper);
            assertThat(report.inSync()).isFalse();
            assertThat(report.partitions()).filteredOn(p -> p.missedOffsets() > 0)
                    .allSatisfy(p -> assertThat(p.state()).contains("deleted before they were stored"));
        }
    }

    /**
     * A service that finds the topics of an order's events with different partition counts
     * refuses to start: one order's events would land on different partition numbers and so
     * be stored by different threads.
     */
    @Test
    void topicsWithUnequalPartitionCountsStopTheRecordKeeperFromStarting() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(ShopTopic.ORDER_STATUS.topicName(), 6, (short) 1))).all().get();
        }
        assertThatThrownBy(() -> recordKeeper().close())
                .hasStackTraceContaining("must have the same number of partitions")
                .hasStackTraceContaining(ShopTopic.ORDER_STATUS.topicName() + "=6")
                .hasStackTraceContaining(ShopTopic.ORDERS.topicName() + "=3");
    }

    private static List<ShopEvent> placedOrders(int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(n -> (ShopEvent) ShopEvents.placed(ShopEvents.order("till-1", n, "chips"))).toList();
    }

    private void awaitEverythingPlaced(long orders) {
        await("orders stored").atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from orders") == orders);
    }

    private void awaitEverythingStored(long orders, long statusChanges) {
        await("every order is stored").atMost(Duration.ofSeconds(120)).until(() ->
                count("select count(*) from orders where status = 'READY'") == orders);
        assertThat(count("select count(*) from orders")).isEqualTo(orders);
        assertThat(count("select count(distinct id) from orders")).isEqualTo(orders);
        assertThat(count("select count(*) from order_lines")).isEqualTo(orders);
        assertThat(count("select count(*) from status_changes")).isEqualTo(statusChanges);
        assertThat(count("select count(*) from (select till_id, number from orders group by till_id, number having count(*) > 1) twice"))
                .as("no order number stored twice").isZero();
    }

    private ConfigurableApplicationContext recordKeeper(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password()));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(OrderSinkApplication.class).run(args.toArray(String[]::new));
    }

    private static SyncReport sync(ConfigurableApplicationContext keeper) {
        int port = ((WebServerApplicationContext) keeper).getWebServer().getPort();
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/sync").exchange().expectStatus().isOk().expectBody(SyncReport.class).returnResult().getResponseBody();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
