package dev.chippy.till;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The tills: take orders over REST and from simulated tills, and write them to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TillApplication {

    public static void main(String[] args) {
        SpringApplication.run(TillApplication.class, args);
    }
}
