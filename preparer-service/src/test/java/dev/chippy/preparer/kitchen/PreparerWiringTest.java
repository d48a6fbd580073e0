package dev.chippy.preparer.kitchen;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import dev.chippy.testsupport.WorkerContexts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preparer's own configuration reaches its Kafka clients: its name is its transactional id
 * and client id, and while time is simulated it polls one order at a time.
 */
class PreparerWiringTest {

    private final ApplicationContextRunner context = WorkerContexts.worker(PreparerConfiguration.class, Settings.class)
            .withPropertyValues("spring.kafka.producer.transaction-id-prefix=chippy-preparer-", "chippy.preparer.name=preparer-3");

    @EnableConfigurationProperties(PreparerProperties.class)
    static class Settings {
    }

    @Test
    void thePreparersNameIsItsTransactionalIdAndClientId() {
        context.run(run -> {
            assertThat(run.getBean(DefaultKafkaProducerFactory.class).getTransactionIdPrefix())
                    .isEqualTo("chippy-preparer-3-");
            assertThat(run.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
                    .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "preparer-3");
        });
    }

    @Test
    void whileTimeIsSimulatedThePreparerPollsOneOrderAtATime() {
        context.run(run -> assertThat(run.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1));
    }

    @Test
    void atSpeedZeroThePreparerPollsAFullBatch() {
        context.withPropertyValues("chippy.shop.speed-factor=0").run(run ->
                assertThat(run.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
                        .doesNotContainKey(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
    }
}
