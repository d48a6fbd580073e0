package dev.chippy.testsupport;

import org.apache.kafka.clients.admin.TopicDescription;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.utils.ContainerTestUtils;

/** Waiting for a service's Kafka listeners, before a test starts producing. */
public final class Listeners {

    private Listeners() {
    }

    /**
     * Waits until every listener container of a service that is alone in its consumer groups
     * has every partition of its topics (spring-kafka-test's wait, told how many partitions the
     * broker has for them); fails when that takes longer than a minute.
     */
    public static void awaitAssignment(ApplicationContext service) {
        KafkaListenerEndpointRegistry registry = service.getBean(KafkaListenerEndpointRegistry.class);
        KafkaAdmin admin = service.getBean(KafkaAdmin.class);
        if (registry.getListenerContainers().isEmpty()) {
            throw new IllegalStateException("the service has no Kafka listeners to wait for");
        }
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            int partitions = admin.describeTopics(container.getContainerProperties().getTopics()).values().stream()
                    .mapToInt(topic -> topic.partitions().size()).sum();
            ContainerTestUtils.waitForAssignment(container, partitions);
        }
    }
}
