package dev.chippy.preparer.kitchen;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import dev.chippy.service.kafka.ShopKafkaAutoConfiguration;
import dev.chippy.service.time.ShopClockAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preparer's own configuration reaches its Kafka clients: its name is its transactional id
 * and client id, and while time is simulated it polls one order at a time.
 */
class PreparerWiringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, ShopKafkaAutoConfiguration.class,
                    ShopClockAutoConfiguration.class))
            .withUserConfiguration(PreparerConfiguration.class, Settings.class)
            // No broker here: topics are neither made nor waited for, and nothing is sent.
            .withPropertyValues("spring.kafka.admin.auto-create=false", "chippy.kafka.topics-ready-wait=0s",
                    "spring.kafka.producer.transaction-id-prefix=chippy-preparer-", "chippy.preparer.name=preparer-3");

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
