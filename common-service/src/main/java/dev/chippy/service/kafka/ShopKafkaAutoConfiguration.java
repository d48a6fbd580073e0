package dev.chippy.service.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.chippy.event.ShopEvent;
import dev.chippy.event.ShopJson;
import dev.chippy.service.time.ShopClock;
import dev.chippy.topic.ShopTopic;

/**
 * The Kafka wiring every Chippy service shares: the shop's topics, one JSON format for
 * every message, and dead letters.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(ShopKafkaProperties.class)
public class ShopKafkaAutoConfiguration {

    /**
     * Every service declares every shop topic and its dead-letter topic, with the same
     * settings, so whichever service starts first creates them and no reader waits
     * for a topic that does not exist yet.
     */
    @Bean
    KafkaAdmin.NewTopics shopTopics(ShopKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(declarations(properties).toArray(NewTopic[]::new));
    }

    private static List<NewTopic> declarations(ShopKafkaProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (ShopTopic topic : ShopTopic.values()) {
            Map<String, String> configs = new LinkedHashMap<>();
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy());
            topic.retention().map(Duration::toMillis)
                    .ifPresent(ms -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(ms)));
            topics.add(TopicBuilder.name(topic.topicName())
                    .partitions(properties.partitions())
                    .replicas(properties.replicationFactor())
                    .configs(configs)
                    .build());
            topics.add(TopicBuilder.name(topic.deadLetterTopicName())
                    .partitions(properties.partitions())
                    .replicas(properties.replicationFactor())
                    .build());
        }
        return topics;
    }

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnMissingBean
    ShopTopicsReady shopTopicsReady(KafkaAdmin kafkaAdmin, ShopKafkaProperties properties) {
        return new ShopTopicsReady(kafkaAdmin, properties.topicsReadyWait());
    }

    /**
     * Keys are order ids (or till ids) as text; values are shop events as JSON, written
     * by {@link ShopJson}. Raw bytes pass through untouched: that is how a message that
     * could not be read reaches its dead-letter topic exactly as it arrived.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer shopEventSerializers() {
        JacksonJsonSerializer<ShopEvent> json = new JacksonJsonSerializer<ShopEvent>(ShopJson.mapper()).noTypeInfo();
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(ShopEvent.class, json);
        return factory -> useSerializers(factory, new StringSerializer(), new DelegatingByTypeSerializer(byType, true));
    }

    /**
     * Values are read as {@link ShopEvent}s by the event's own {@code type} field, never by
     * Java class names in headers. A value that cannot be read does not stop the reader:
     * it arrives as a record with a null value and the reason in a header, for
     * {@link DeadLetters} to send on.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer shopEventDeserializers() {
        JacksonJsonDeserializer<ShopEvent> json = new JacksonJsonDeserializer<>(ShopEvent.class, ShopJson.mapper(), false);
        return factory -> useDeserializers(factory, new StringDeserializer(), new ErrorHandlingDeserializer<>(json));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void useSerializers(DefaultKafkaProducerFactory factory, Serializer key, Serializer value) {
        factory.setKeySerializer(key);
        factory.setValueSerializer(value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void useDeserializers(DefaultKafkaConsumerFactory factory, Deserializer key, Deserializer value) {
        factory.setKeyDeserializer(key);
        factory.setValueDeserializer(value);
    }

    /** A worker of the kitchen (a preparer, a cook) has its own transactional ids and consumer client id. */
    @Bean
    @ConditionalOnBean(WorkerIdentity.class)
    DefaultKafkaProducerFactoryCustomizer workerTransactionalIds(WorkerIdentity identity) {
        return identity.producerCustomizer();
    }

    @Bean
    @ConditionalOnBean(WorkerIdentity.class)
    DefaultKafkaConsumerFactoryCustomizer workerClientId(WorkerIdentity identity) {
        return identity.consumerCustomizer();
    }

    /**
     * While time is simulated a worker takes only {@code recordsPerPoll} records per poll, so
     * what it finishes together is committed together and shows at once, and a slow batch
     * never outlasts max.poll.interval.ms. At speed 0 a poll takes a full batch and one
     * transaction covers it, which is what makes the shop fast. An explicit
     * {@code spring.kafka.consumer.max-poll-records} wins.
     */
    public static DefaultKafkaConsumerFactoryCustomizer pollsWhileSimulating(ShopClock clock, int recordsPerPoll) {
        return factory -> {
            if (clock.timings().simulating()
                    && !factory.getConfigurationProperties().containsKey(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)) {
                factory.updateConfigs(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, recordsPerPoll));
            }
        };
    }

    @Bean
    @ConditionalOnBean(KafkaTemplate.class)
    @ConditionalOnMissingBean
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaTemplate<Object, Object> kafka) {
        // <topic>.DLT, same partition: every shop topic has its dead-letter topic declared above.
        return new DeadLetterPublishingRecoverer(kafka, (record, exception) ->
                new TopicPartition(record.topic() + ShopTopic.DEAD_LETTER_SUFFIX, record.partition()));
    }

    @Bean
    @ConditionalOnBean(DeadLetterPublishingRecoverer.class)
    @ConditionalOnMissingBean
    DeadLetters deadLetters(DeadLetterPublishingRecoverer recoverer, ShopKafkaProperties properties) {
        return new DeadLetters(recoverer, properties.maxAttempts());
    }

    @Bean
    @ConditionalOnBean(DeadLetters.class)
    @ConditionalOnMissingBean
    ShopEventBatch shopEventBatch(KafkaTemplate<Object, Object> kafka, DeadLetters deadLetters) {
        return new ShopEventBatch(kafka, deadLetters);
    }

    @Bean
    @ConditionalOnBean(DeadLetters.class)
    @ConditionalOnMissingBean
    ShareGroupEvents shareGroupEvents(KafkaTemplate<Object, Object> kafka, DeadLetters deadLetters) {
        return new ShareGroupEvents(kafka, deadLetters);
    }

    /**
     * For transactional readers: a batch whose transaction rolled back is polled again
     * after a growing pause, for as long as it takes. Poison records never get here
     * ({@link DeadLetters} deals with them inside the batch), so what is left is the
     * broker being away, and giving up on that would lose orders.
     */
    @Bean
    @ConditionalOnProperty("spring.kafka.producer.transaction-id-prefix")
    @ConditionalOnMissingBean
    DefaultAfterRollbackProcessor<Object, Object> afterRollbackProcessor() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        return new DefaultAfterRollbackProcessor<>(backOff);
    }
}
