package dev.chippy.till.simulation;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.chippy.testsupport.KafkaInfrastructure;

/**
 * With an admin token set, the simulated tills obey only callers that present it, and no
 * other web site; the actuator beyond health needs it too, and health shows details only to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "chippy.security.admin-token=" + SimulationControlIntegrationTest.TOKEN)
@Import(KafkaInfrastructure.class)
@AutoConfigureRestTestClient
class SimulationControlIntegrationTest {

    static final String TOKEN = "a-long-random-admin-token";
    private static final String FLOOD = "{\"tills\":64,\"speedFactor\":0}";

    @Autowired
    RestTestClient rest;

    @Test
    void changingTheSimulationNeedsTheToken() {
        rest.put().uri("/simulation").contentType(MediaType.APPLICATION_JSON).body(FLOOD).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        rest.post().uri("/simulation/start").exchange().expectStatus().isUnauthorized();
        rest.get().uri("/simulation").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.running").isEqualTo(false).jsonPath("$.tills").isEqualTo(3);

        rest.put().uri("/simulation").header("Authorization", "Bearer " + TOKEN).contentType(MediaType.APPLICATION_JSON)
                .body("{\"tills\":2}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.tills").isEqualTo(2);
    }

    @Test
    void noOtherSiteAndNoBodyButJson() {
        rest.post().uri("/simulation/start").header("Authorization", "Bearer " + TOKEN)
                .header("Origin", "https://evil.example").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        rest.put().uri("/simulation").header("Authorization", "Bearer " + TOKEN).contentType(MediaType.TEXT_PLAIN)
                .body(FLOOD).exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        rest.put().uri("/simulation").header("Authorization", "Bearer " + TOKEN)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("tills=64&speedFactor=0").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        rest.get().uri("/simulation").exchange().expectBody().jsonPath("$.running").isEqualTo(false);
    }

    @Test
    void theActuatorBeyondHealthNeedsTheTokenAndHealthShowsDetailsOnlyWithIt() {
        rest.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        rest.get().uri("/actuator/info").exchange().expectStatus().isUnauthorized();
        rest.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + TOKEN).exchange().expectStatus().isOk();

        rest.get().uri("/actuator/health").exchange()
                .expectBody().jsonPath("$.status").exists().jsonPath("$.components").doesNotExist();
        rest.get().uri("/actuator/health").header("Authorization", "Bearer " + TOKEN).exchange()
                .expectBody().jsonPath("$.components").exists();
    }
}
