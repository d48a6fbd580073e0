package dev.chippy.service.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import dev.chippy.service.time.ShopClock;
import dev.chippy.service.time.ShopClockAutoConfiguration;
import dev.chippy.service.time.ShopTimings;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker's name reaches its Kafka clients: its transactional ids and its consumer's client id. */
class WorkerWiringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, ShopKafkaAutoConfiguration.class,
                    ShopClockAutoConfiguration.class))
            // No broker here: topics are neither made nor waited for.
            .withPropertyValues("spring.kafka.admin.auto-create=false", "spring.kafka.producer.transaction-id-prefix=chippy-x-")
            .withBean(ShopTopicsReady.class, () -> new ShopTopicsReady(null, Duration.ZERO) {
                @Override
                public void afterSingletonsInstantiated() {
                }
            });

    @Test
    void aWorkersNameIsItsTransactionalIdAndClientId() {
        context.withBean(WorkerIdentity.class, () -> new WorkerIdentity("preparer-7")).run(run -> {
            assertThat(run.getBean(DefaultKafkaProducerFactory.class).getTransactionIdPrefix()).isEqualTo("chippy-preparer-7-");
            assertThat(run.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties())
                    .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "preparer-7");
        });
    }

    /*
     * pollsWhileSimulating itself; that the cook and the preparer register it, with their own
     * numbers, is tested in their modules (CookWiringTest, PreparerWiringTest).
     */

    @Test
    void whileTimeIsSimulatedAWorkerTakesFewRecordsPerPoll() {
        assertThat(maxPollRecords(1, Map.of())).isEqualTo(4);
    }

    @Test
    void atSpeedZeroAPollTakesAFullBatch() {
        assertThat(maxPollRecords(0, Map.of())).isNull();
    }

    @Test
    void anExplicitMaxPollRecordsWins() {
        assertThat(maxPollRecords(1, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50))).isEqualTo(50);
    }

    private static Object maxPollRecords(double speedFactor, Map<String, Object> configured) {
        DefaultKafkaConsumerFactory<Object, Object> factory = new DefaultKafkaConsumerFactory<>(configured);
        ShopKafkaAutoConfiguration.pollsWhileSimulating(new ShopClock(new ShopTimings(speedFactor, null, null, null)), 4)
                .customize(factory);
        return factory.getConfigurationProperties().get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
    }
}
