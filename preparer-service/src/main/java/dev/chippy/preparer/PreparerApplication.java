package dev.chippy.preparer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The food preparers: a consumer group over the orders topic; plaice goes to the cook and back. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PreparerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PreparerApplication.class, args);
    }
}
