package dev.chippy.analyst;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The analyst: reads every order and status again, in a consumer group of its own, and
 * counts the shop in windows of time with Kafka Streams.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnalystApplication {

    public static void main(String[] args) {
        SpringApplication.run(AnalystApplication.class, args);
    }
}
