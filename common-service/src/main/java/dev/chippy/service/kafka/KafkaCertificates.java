package dev.chippy.service.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Connects to a Kafka that wants TLS client certificates, as managed Kafka services do:
 * {@code chippy.kafka.certificates=<folder>} holding {@code ca.pem}, {@code service.cert}
 * and {@code service.key} becomes a Spring Boot SSL bundle for every Kafka client, with
 * {@code security.protocol=SSL}. It is shorthand for the {@code spring.ssl.bundle.pem.*}
 * and {@code spring.kafka.ssl.bundle} properties, which can be set instead.
 */
public class KafkaCertificates implements EnvironmentPostProcessor {

    public static final String PROPERTY = "chippy.kafka.certificates";
    static final String BUNDLE = "chippy-kafka";
    static final List<String> FILES = List.of("ca.pem", "service.cert", "service.key");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String folder = environment.getProperty(PROPERTY);
        if (folder == null || folder.isBlank()) {
            return;
        }
        Path dir = Path.of(folder.trim());
        for (String file : FILES) {
            if (!Files.isReadable(dir.resolve(file))) {
                throw new IllegalStateException(PROPERTY + "=" + dir + " must hold " + String.join(", ", FILES)
                        + "; " + file + " is missing or unreadable");
            }
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        String prefix = "spring.ssl.bundle.pem." + BUNDLE + ".";
        properties.put(prefix + "truststore.certificate", "file:" + dir.resolve("ca.pem").toAbsolutePath());
        properties.put(prefix + "keystore.certificate", "file:" + dir.resolve("service.cert").toAbsolutePath());
        properties.put(prefix + "keystore.private-key", "file:" + dir.resolve("service.key").toAbsolutePath());
        properties.put("spring.kafka.ssl.bundle", BUNDLE);
        properties.put("spring.kafka.security.protocol", "SSL");
        MapPropertySource certificates = new MapPropertySource("chippy-kafka-certificates", properties);
        if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, certificates);
        } else {
            environment.getPropertySources().addLast(certificates);
        }
    }
}
