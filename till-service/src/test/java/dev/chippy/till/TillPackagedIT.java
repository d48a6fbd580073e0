package dev.chippy.till;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.chippy.event.OrderPlaced;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.testsupport.PackagedApp;
import dev.chippy.testsupport.TestKafka;
import dev.chippy.till.order.OrderAccepted;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged till jar, run as its own process, takes an order and writes it to Kafka. */
class TillPackagedIT {

    private static TestKafka kafka;
    private static PackagedApp till;

    @BeforeAll
    static void start() {
        kafka = TestKafka.start();
        till = PackagedApp.ofThisModule("till-service")
                .property("spring.kafka.bootstrap-servers", kafka.bootstrapServers())
                .start();
    }

    @AfterAll
    static void stop() {
        till.close();
        kafka.close();
    }

    @Test
    void thePackagedTillWritesAnOrderToKafka() throws InterruptedException {
        RestTestClient client = RestTestClient.bindToServer().baseUrl(till.url("")).build();

        OrderAccepted accepted = client.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .body("{\"lines\":[{\"item\":\"plaice-and-chips\",\"quantity\":1}]}")
                .exchange()
                .expectStatus().isAccepted()
                .expectBody(OrderAccepted.class).returnResult().getResponseBody();

        try (KafkaTap tap = KafkaTap.open(kafka.bootstrapServers(), ShopTopic.ORDERS.topicName())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> tap.events(ShopTopic.ORDERS, OrderPlaced.class).stream()
                    .anyMatch(placed -> placed.orderId().equals(accepted.orderId())));
        }
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics).contains("chippy_till_transactions_seconds_count"));
    }
}
