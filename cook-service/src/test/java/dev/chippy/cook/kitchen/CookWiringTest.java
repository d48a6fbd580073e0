package dev.chippy.cook.kitchen;

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
 * The cook's own configuration reaches its Kafka clients: its name is its transactional id and
 * client id, and while time is simulated it polls a fryer-load of requests at a time.
 */
class CookWiringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, ShopKafkaAutoConfiguration.class,
                    ShopClockAutoConfiguration.class))
            .withUserConfiguration(CookConfiguration.class, Settings.class)
            // No broker here: topics are neither made nor waited for.
            .withPropertyValues("spring.kafka.admin.auto-create=false", "chippy.kafka.topics-ready-wait=0s",
                    "spring.kafka.producer.transaction-id-prefix=chippy-cook-", "chippy.cook.name=cook-7");

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
