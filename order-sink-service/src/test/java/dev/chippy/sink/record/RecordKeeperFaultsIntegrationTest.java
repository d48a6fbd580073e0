package dev.chippy.sink.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real faults: the record keeper stopped in the middle of a stream and started again, and
 * PostgreSQL stopped under load and started again. Every event ends up stored once.
 */
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

    @Test
    void postgresStoppedUnderLoadAndStartedAgainLosesNothing() throws InterruptedException {
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
            postgres.restart();
            open.set(false);
            till.join();

            long orders = placed.get();
            awaitEverythingStored(orders, orders * 5);
            await("in sync").atMost(Duration.ofSeconds(30)).until(() -> sync(keeper).inSync());
        }
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
