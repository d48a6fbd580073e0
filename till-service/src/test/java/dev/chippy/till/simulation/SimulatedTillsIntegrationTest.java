package dev.chippy.till.simulation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.chippy.event.OrderPlaced;
import dev.chippy.testsupport.KafkaInfrastructure;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Simulated tills, driven over REST, place the talk's orders through the same path as REST orders. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KafkaInfrastructure.class)
@AutoConfigureRestTestClient
class SimulatedTillsIntegrationTest {

    private static final Set<List<String>> THE_TALKS_ORDERS = Set.of(
            List.of("cod-and-chips", "plaice-and-chips"), List.of("cod-and-chips", "large-chips"),
            List.of("chips"), List.of("cod-and-chips"));

    private static final Set<String> SIMULATED_TILLS = Set.of("till-1", "till-2", "till-3");

    @Autowired
    RestTestClient rest;

    @Autowired
    KafkaConnectionDetails kafka;

    @Test
    void tillsStartedAtRuntimePlaceNumberedOrdersUntilStopped() throws InterruptedException {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                rest.get().uri("/actuator/health/readiness").exchange().returnResult().getStatus().value() == 200);
        rest.get().uri("/simulation").exchange().expectBody().jsonPath("$.running").isEqualTo(false);

        rest.put().uri("/simulation").contentType(MediaType.APPLICATION_JSON)
                .body("{\"tills\":3,\"plaice\":true,\"speedFactor\":0.01}")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.tills").isEqualTo(3).jsonPath("$.speedFactor").isEqualTo(0.01);
        rest.post().uri("/simulation/start").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.running").isEqualTo(true);

        try (KafkaTap tap = KafkaTap.open(String.join(",", kafka.getBootstrapServers()), ShopTopic.ORDERS.topicName())) {
            await("every till has placed 20 orders").atMost(Duration.ofSeconds(60)).until(() ->
                    byTill(tap).values().stream().filter(orders -> orders.size() >= 20).count() == 3);

            rest.post().uri("/simulation/stop").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.running").isEqualTo(false);

            Map<String, List<OrderPlaced>> byTill = byTill(tap);
            assertThat(byTill).containsOnlyKeys("till-1", "till-2", "till-3");
            byTill.forEach((till, orders) -> {
                assertThat(orders).extracting(placed -> placed.order().number()).as(till + " counts from 1 without gaps")
                        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, orders.size()).boxed().toList());
                assertThat(orders).allSatisfy(placed -> assertThat(THE_TALKS_ORDERS).contains(
                        placed.order().lines().stream().map(line -> line.item().id()).toList()));
            });
        }
    }

    /** The simulated tills' orders; other tests may share this broker with orders of their own tills. */
    private static Map<String, List<OrderPlaced>> byTill(KafkaTap tap) {
        return tap.events(ShopTopic.ORDERS, OrderPlaced.class).stream()
                .filter(placed -> SIMULATED_TILLS.contains(placed.order().tillId()))
                .collect(Collectors.groupingBy(placed -> placed.order().tillId()));
    }
}
