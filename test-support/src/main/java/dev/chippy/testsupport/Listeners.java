package dev.chippy.testsupport;

import java.time.Duration;
import java.util.Collection;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.awaitility.Awaitility.await;

/** Waiting for a service's Kafka listeners, before a test starts producing. */
public final class Listeners {

    private Listeners() {
    }

    /** Waits until every listener container of the service has been given partitions. */
    public static void awaitAssignment(KafkaListenerEndpointRegistry registry) {
        await("every listener has partitions").atMost(Duration.ofSeconds(60)).until(() ->
                !registry.getListenerContainers().isEmpty()
                        && registry.getListenerContainers().stream().allMatch(Listeners::hasPartitions));
    }

    private static boolean hasPartitions(MessageListenerContainer container) {
        Collection<TopicPartition> assigned = container.getAssignedPartitions();
        return assigned != null && !assigned.isEmpty();
    }
}
