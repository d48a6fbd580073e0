package dev.chippy.sink;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The record keeper: every order and every status change in PostgreSQL, exactly once,
 * with queries, stats and the check that nothing was lost.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderSinkApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderSinkApplication.class, args);
    }
}
