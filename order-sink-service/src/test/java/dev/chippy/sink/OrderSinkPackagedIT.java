package dev.chippy.sink;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.chippy.order.Order;
import dev.chippy.testsupport.PackagedApp;
import dev.chippy.testsupport.TestKafka;
import dev.chippy.testsupport.TestPostgres;
import dev.chippy.testsupport.TestProducer;

/**
 * The packaged record keeper, run as its own process: Flyway makes its tables, and an
 * order from Kafka can be read back over REST.
 */
class OrderSinkPackagedIT {

    @Test
    void thePackagedRecordKeeperStoresAnOrder() {
        try (TestKafka kafka = TestKafka.start();
             TestPostgres postgres = TestPostgres.start();
             PackagedApp sink = PackagedApp.ofThisModule("order-sink-service")
                     .property("spring.kafka.bootstrap-servers", kafka.bootstrapServers())
                     .property("spring.datasource.url", postgres.jdbcUrl())
                     .property("spring.datasource.username", postgres.username())
                     .property("spring.datasource.password", postgres.password())
                     .start();
             TestProducer shop = new TestProducer(kafka.bootstrapServers())) {
            Order order = ShopEvents.order("till-1", 1, "cod-and-chips", "mushy-peas");

            ShopEvents.lifeOf(order).forEach(shop::publish);

            RestTestClient.bindToServer().baseUrl(sink.url("")).build()
                    .get().uri("/orders/{id}?waitFor=READY&timeout=30s", order.id()).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.status").isEqualTo("READY")
                    .jsonPath("$.text").isEqualTo("Order 1: cod & chips, mushy peas")
                    .jsonPath("$.history.length()").isEqualTo(3);
        }
    }
}
