package dev.chippy.testsupport;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.chippy.service.kafka.ShopKafkaAutoConfiguration;
import dev.chippy.service.time.ShopClockAutoConfiguration;

/** Contexts for testing how a kitchen worker's own configuration reaches its Kafka clients, without a broker. */
public final class WorkerContexts {

    private WorkerContexts() {
    }

    /**
     * Boot's and the shop's Kafka and clock auto-configuration, with the worker's own
     * {@code configurations}; topics are neither made nor waited for.
     */
    public static ApplicationContextRunner worker(Class<?>... configurations) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, ShopKafkaAutoConfiguration.class,
                        ShopClockAutoConfiguration.class))
                .withUserConfiguration(configurations)
                .withPropertyValues("spring.kafka.admin.auto-create=false", "chippy.kafka.topics-ready-wait=0s");
    }
}
