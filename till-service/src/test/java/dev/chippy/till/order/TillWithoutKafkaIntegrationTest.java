package dev.chippy.till.order;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.chippy.testsupport.TestKafka;
import dev.chippy.till.TillApplication;

import static org.awaitility.Awaitility.await;

/** Without Kafka a till refuses orders with 503, promptly, and says that nothing was placed. */
class TillWithoutKafkaIntegrationTest {

    private static final String ORDER = "{\"tillId\":\"till-1\",\"lines\":[{\"item\":\"chips\",\"quantity\":1}]}";

    @Test
    void aTillThatCannotReachKafkaIsNotReadyAndRefusesOrders() {
        try (ConfigurableApplicationContext till = startTill("localhost:1")) {
            RestTestClient client = client(till);
            client.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);

            client.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).body(ORDER)
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().exists("Retry-After")
                    .expectBody()
                    .jsonPath("$.placed").isEqualTo(false)
                    .jsonPath("$.detail").value(String.class, detail ->
                            org.assertj.core.api.Assertions.assertThat(detail).contains("still opening"));
        }
    }

    @Test
    void whenKafkaGoesAwayOrdersAreRefusedAndNotPlaced() {
        TestKafka kafka = TestKafka.start();
        try (ConfigurableApplicationContext till = startTill(kafka.bootstrapServers())) {
            RestTestClient client = client(till);
            await("the till is open").atMost(Duration.ofSeconds(60)).until(() ->
                    client.get().uri("/actuator/health/readiness").exchange().returnResult().getStatus().value() == 200);
            client.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).body(ORDER)
                    .exchange().expectStatus().isAccepted();

            kafka.close();

            client.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).body(ORDER)
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.placed").isEqualTo(false);
        }
    }

    private static ConfigurableApplicationContext startTill(String bootstrapServers) {
        // Without Kafka, starting waits for the topics to be declared and to answer, and gives
        // up on each after a while: a short while here, since nothing will come.
        return new SpringApplicationBuilder(TillApplication.class)
                .run("--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                        "--spring.kafka.admin.operation-timeout=2s", "--chippy.kafka.topics-ready-wait=2s");
    }

    private static RestTestClient client(ConfigurableApplicationContext till) {
        int port = ((WebServerApplicationContext) till).getWebServer().getPort();
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }
}
