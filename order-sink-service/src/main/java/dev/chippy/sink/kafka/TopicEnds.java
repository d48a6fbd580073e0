package dev.chippy.sink.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.stereotype.Component;

/**
 * Where each partition of the shop's topics ends, as a {@code read_committed} reader sees it
 * (the last stable offset): the one place the record keeper asks Kafka for it, for
 * {@code /sync} and for the live board's lag.
 */
@Component
public class TopicEnds {

    private final Admin admin;

    TopicEnds(Admin admin) {
        this.admin = admin;
    }

    /**
     * Every partition of {@code topics} and its end; a topic not made yet has no partitions.
     *
     * @throws ExecutionException when Kafka answers with an error
     * @throws TimeoutException   when Kafka does not answer within {@code timeout}
     */
    public Map<TopicPartition, Long> of(Collection<String> topics, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics,
                new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis())).topicNameValues();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : described.entrySet()) {
            try {
                topic.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS).partitions().forEach(partition ->
                        latest.put(new TopicPartition(topic.getKey(), partition.partition()), OffsetSpec.latest()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (!latest.isEmpty()) {
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
        }
        return ends;
    }
}
