package dev.chippy.till.order;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.chippy.order.OrderRequests;
import dev.chippy.testsupport.TestKafka;
import dev.chippy.till.TillApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A till that restarts carries on from its last number, and still knows the answers it
 * gave to idempotent requests: both live in Kafka, not in the process.
 */
class TillRestartIntegrationTest {

    private static TestKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void aRestartedTillNeverHandsOutANumberTwiceAndRemembersIdempotencyKeys() {
        String key = UUID.randomUUID().toString();
        OrderAccepted beforeRestart;
        try (ConfigurableApplicationContext till = startTill()) {
            place(till, null);
            beforeRestart = place(till, key);
            assertThat(beforeRestart.number()).isEqualTo(2);
        }

        try (ConfigurableApplicationContext till = startTill()) {
            assertThat(place(till, key)).as("the same key after a restart").isEqualTo(beforeRestart);
            assertThat(place(till, null).number()).isEqualTo(3);
        }
    }

    private static ConfigurableApplicationContext startTill() {
        ConfigurableApplicationContext till = new SpringApplicationBuilder(TillApplication.class)
                .run("--server.port=0", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
        await("the till is open").atMost(Duration.ofSeconds(60)).until(() ->
                client(till).get().uri("/actuator/health/readiness").exchange().returnResult().getStatus().value() == 200);
        return till;
    }

    private static OrderAccepted place(ConfigurableApplicationContext till, String idempotencyKey) {
        RestTestClient.RequestBodySpec request = client(till).post().uri("/orders").contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            request.header(OrderRequests.IDEMPOTENCY_KEY, idempotencyKey);
        }
        return request.body("{\"tillId\":\"till-7\",\"lines\":[{\"item\":\"cod-and-chips\",\"quantity\":1}]}")
                .exchange()
                .expectStatus().isAccepted()
                .expectBody(OrderAccepted.class).returnResult().getResponseBody();
    }

    private static RestTestClient client(ConfigurableApplicationContext till) {
        int port = ((WebServerApplicationContext) till).getWebServer().getPort();
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }
}
