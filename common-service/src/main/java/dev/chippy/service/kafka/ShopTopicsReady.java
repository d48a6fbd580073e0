package dev.chippy.service.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;

import dev.chippy.topic.ShopTopic;

/**
 * Waits, when the service starts and before any listener or publisher does, until every
 * partition of every shop topic has a leader. A topic that has only just been created has
 * none for a moment, and an idempotent producer that writes into that moment can get its
 * sequence numbers out of step with the broker and stall until its delivery timeout. If
 * Kafka is not there at all, the wait gives up after {@code timeout} and the service starts
 * anyway (its readiness and its retries take it from there).
 */
public class ShopTopicsReady implements SmartInitializingSingleton {

    private static final Log LOG = LogFactory.getLog(ShopTopicsReady.class);

    private final KafkaAdmin kafkaAdmin;
    private final Duration timeout;

    public ShopTopicsReady(KafkaAdmin kafkaAdmin, Duration timeout) {
        this.kafkaAdmin = kafkaAdmin;
        this.timeout = timeout;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        List<String> topics = java.util.Arrays.stream(ShopTopic.values()).map(ShopTopic::topicName).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                if (allLed(admin, topics)) {
                    return;
                }
                Thread.sleep(100);
            }
            LOG.warn("Not every shop topic has a partition leader after " + timeout.toSeconds() + " s; starting anyway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean allLed(Admin admin, List<String> topics) {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(2, TimeUnit.SECONDS);
            return described.values().stream().flatMap(topic -> topic.partitions().stream())
                    .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        } catch (Exception notYet) {
            return false;
        }
    }
}
