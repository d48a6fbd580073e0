package dev.chippy.service.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.chippy.scenario.Scenario;

/**
 * Starts a service in a scenario: with {@code chippy.scenario=demo2}, the scenario's
 * settings apply, above the service's own {@code application.yml} and below anything set
 * on the command line or in the environment.
 */
public class ScenarioEnvironment implements EnvironmentPostProcessor {

    public static final String PROPERTY = "chippy.scenario";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String name = environment.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>(Scenario.named(name.trim()).properties());
        MapPropertySource scenario = new MapPropertySource("chippy-scenario-" + name, properties);
        if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, scenario);
        } else {
            environment.getPropertySources().addFirst(scenario);
        }
    }
}
