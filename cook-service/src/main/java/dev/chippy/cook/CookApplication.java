package dev.chippy.cook;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The cook: fries plaice to order and sends it back to the preparers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CookApplication {

    public static void main(String[] args) {
        SpringApplication.run(CookApplication.class, args);
    }
}
