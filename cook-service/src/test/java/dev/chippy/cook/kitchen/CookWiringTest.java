package dev.chippy.cook.kitchen;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import dev.chippy.testsupport.WorkerContexts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cook's own configuration reaches its Kafka clients: its name is its transactional id and
 * client id, and while time is simulated it polls a fryer-load of requests at a time.
 */
class CookWiringTest {

    private final ApplicationContextRunner context = WorkerContexts.worker(CookConfiguration.class, Settings.class)
            .withPropertyValues("spring.kafka.producer.transaction-id-prefix=chippy-cook-", "chippy.cook.name=cook-7");

    @EnableConfigurationProperties(CookProperties.class)
    static class Settings {
    }

    @Test
    void theCooksNameIsItsTransactionalIdAndClientId() {
        context.run(run -> {
            assertThat(run.getBean(DefaultKafkaProducerFactory.class).getTransactionIdPrefix()).isEqualTo("chippy-cook-7-");
            assertThat(run.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
                    .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "cook-7");
        });
    }

    @Test
    void whileTimeIsSimulatedTheCookPollsAFryerLoad() {
        context.withPropertyValues("chippy.cook.fryer-capacity=4").run(run ->
                assertThat(run.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
                        .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4));
    }

    @Test
    void atSpeedZeroTheCookPollsAFullBatch() {
        context.withPropertyValues("chippy.cook.fryer-capacity=4", "chippy.shop.speed-factor=0").run(run ->
                assertThat(run.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
                        .doesNotContainKey(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
    }
}
