package dev.chippy.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code chippy-defaults.yml}, the settings every Chippy service shares (how its
 * Kafka clients behave, which actuator endpoints it shows), as the property source of
 * lowest precedence: each service's own {@code application.yml}, the environment and the
 * command line all override it.
 */
public class ShopDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "dev/chippy/service/chippy-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        for (PropertySource<?> source : sources()) {
            environment.getPropertySources().addLast(source);
        }
    }

    /**
     * The Kafka settings every service starts from, as Spring Boot reads them: a plain Kafka
     * client built from {@link KafkaProperties#buildProducerProperties()} (the benchmark's
     * baseline chain) behaves as the services' clients do.
     */
    public static KafkaProperties kafka() {
        return new Binder(ConfigurationPropertySources.from(sources())).bindOrCreate("spring.kafka", KafkaProperties.class);
    }

    private static List<PropertySource<?>> sources() {
        try {
            return new YamlPropertySourceLoader().load("chippy-defaults", new ClassPathResource(RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
