package dev.chippy.service.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;

import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;

class ShopTopicsDeclarationTest {

    /** The shop's Kafka configuration alone: no broker is contacted. */
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShopKafkaAutoConfiguration.class))
            .withBean(DeclaredTopics.class, DeclaredTopics::new)
            // Nothing waits for the topics either.
            .withBean(ShopTopicsReady.class, () -> new ShopTopicsReady(null, Duration.ZERO) {
                @Override
                public void afterSingletonsInstantiated() {
                }
            });

    /**
     * Spring's KafkaAdmin, asked for the topics it would create or update: what the service's
     * beans declare. It never reaches for a broker.
     */
    static class DeclaredTopics extends KafkaAdmin {
        DeclaredTopics() {
            super(Map.of());
            setAutoCreate(false);
        }

        Collection<NewTopic> declared() {
            return newTopics();
        }
    }

    @Test
    void everyShopTopicAndItsDeadLetterTopicIsDeclaredWithTheConfiguredLayout() {
        context.withPropertyValues("chippy.kafka.partitions=1", "chippy.kafka.replication-factor=3").run(run -> {
            Map<String, NewTopic> topics = topics(run);
            assertThat(topics).hasSize(ShopTopic.values().length * 2);
            assertThat(topics.values()).allSatisfy(topic -> {
                assertThat(topic.numPartitions()).isOne();
                assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            });
            assertThat(topics.get("chippy.orders.DLT")).isNotNull();
            assertThat(topics.get("chippy.till-checkpoints").configs()).containsEntry("cleanup.policy", "compact");
            assertThat(topics.get("chippy.order-receipts").configs())
                    .containsEntry("cleanup.policy", "compact,delete").containsEntry("retention.ms", "86400000");
        });
    }

    @Test
    void byDefaultThreePartitionsAndOneReplica() {
        context.run(run -> assertThat(topics(run).values()).allSatisfy(topic -> {
            assertThat(topic.numPartitions()).isEqualTo(3);
            assertThat(topic.replicationFactor()).isEqualTo((short) 1);
        }));
    }

    private static Map<String, NewTopic> topics(AssertableApplicationContext run) {
        return run.getBean(DeclaredTopics.class).declared().stream()
                .collect(Collectors.toMap(NewTopic::name, Function.identity()));
    }
}
