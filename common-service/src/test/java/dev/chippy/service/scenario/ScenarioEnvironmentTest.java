package dev.chippy.service.scenario;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioEnvironmentTest {

    @Test
    void aScenarioSitsAboveTheServicesOwnSettingsAndBelowTheEnvironment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("application.yml",
                Map.of("chippy.simulation.tills", "3", "chippy.kafka.partitions", "3")));
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs",
                Map.of("chippy.scenario", "demo1", "chippy.kafka.partitions", "5")));

        new ScenarioEnvironment().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("chippy.simulation.tills")).isEqualTo("1");
        assertThat(environment.getProperty("chippy.kafka.partitions")).isEqualTo("5");
    }

    @Test
    void withoutAScenarioNothingChanges() {
        MockEnvironment environment = new MockEnvironment().withProperty("chippy.simulation.tills", "3");
        new ScenarioEnvironment().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("chippy.simulation.tills")).isEqualTo("3");
    }
}
