package dev.chippy.preparer.kitchen;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ShareKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultShareConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ContainerProperties;

import dev.chippy.service.kafka.ShopKafkaProperties;
import dev.chippy.service.time.ShopClock;
import dev.chippy.topic.ShopGroup;

/**
 * The preparers as a share group (Kafka queues, KIP-932), with {@code chippy.preparer.share-group=true}:
 * the {@code queue} scenario. Spring Boot configures no share consumers, so they are built here
 * from the same consumer settings as the consumer group's (client id, deserializers, the
 * broker's address and security), less the settings a share consumer refuses.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "chippy.preparer.share-group", havingValue = "true")
class SharingConfiguration {

    static final String CONTAINER_FACTORY = "sharingPreparers";

    /** Consumer settings that belong to consumer groups: a share consumer will not start with any of them set. */
    private static final List<String> CONSUMER_GROUP_ONLY = List.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, ConsumerConfig.GROUP_PROTOCOL_CONFIG,
            ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);

    /**
     * Each preparer acknowledges every order itself ({@code MANUAL}): accepted once its outputs are
     * committed, rejected when it went to the dead-letter topic, released when it may be tried again.
     */
    @Bean(CONTAINER_FACTORY)
    ShareKafkaListenerContainerFactory<String, Object> sharingPreparers(ConsumerFactory<String, Object> consumers,
                                                                       ShopClock clock) {
        Map<String, Object> settings = new HashMap<>(consumers.getConfigurationProperties());
        CONSUMER_GROUP_ONLY.forEach(settings::remove);
        if (clock.timings().simulating()) {
            // While time is simulated a preparer holds at most two orders, so the others get the rest
            // at once: by default a share consumer is handed a whole batch and holds it while it
            // works through it. Not one, as the consumer group has: a share consumer of Kafka 4.2
            // limited to one record waits seconds between records (measured: 5 records in 20 s,
            // against 200 in 9 s with two).
            settings.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
            settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2);
        }
        DefaultShareConsumerFactory<String, Object> shareConsumers = new DefaultShareConsumerFactory<>(settings,
                consumers.getKeyDeserializer(), consumers.getValueDeserializer(), false);
        ShareKafkaListenerContainerFactory<String, Object> factory = new ShareKafkaListenerContainerFactory<>(shareConsumers);
        factory.getContainerProperties().setShareAckMode(ContainerProperties.ShareAckMode.MANUAL);
        return factory;
    }

    @Bean
    ShareGroupSettings preparersShareGroupSettings(KafkaAdmin kafkaAdmin, PreparerProperties preparer,
                                                   ShopKafkaProperties kafka, Environment environment) {
        if (environment.getProperty("chippy.cabinet.enabled", Boolean.class, false)) {
            throw new IllegalStateException("A share group has no hot cabinets: a cabinet is owned with its partition, "
                    + "and in a share group nobody owns a partition (chippy.cabinet.enabled and chippy.preparer.share-group "
                    + "cannot both be true)");
        }
        return new ShareGroupSettings(kafkaAdmin, ShopGroup.PREPARERS_SHARING, preparer.lockDuration(), kafka.topicsReadyWait());
    }
}
