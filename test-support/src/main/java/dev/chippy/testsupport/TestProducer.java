package dev.chippy.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import dev.chippy.event.ShopEvent;
import dev.chippy.event.ShopJson;
import dev.chippy.topic.ShopTopic;

import static org.awaitility.Awaitility.await;

/**
 * Writes to the shop's topics as another service would: events as Chippy's JSON, or any
 * bytes at all, for the poison-message tests. Every send waits for the broker's ack.
 */
public final class TestProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Set<String> ledTopics = ConcurrentHashMap.newKeySet();

    public TestProducer(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                // One request at a time per broker: a later request can never be appended before an
                // earlier one that failed (a new partition's leader not serving yet), which leaves an
                // idempotent producer with OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes an event to the one shop topic that carries its kind. */
    public RecordMetadata publish(ShopEvent event) {
        return publish(topicOf(event), event);
    }

    public static ShopTopic topicOf(ShopEvent event) {
        return Arrays.stream(ShopTopic.values()).filter(topic -> topic.carries(event)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic carries " + event));
    }

    public RecordMetadata publish(ShopTopic topic, ShopEvent event) {
        return publishRaw(topic.topicName(), event.key(), ShopJson.write(event));
    }

    /** Publishes many events at once, waiting only for the last acknowledgement. */
    public void publishAll(List<? extends ShopEvent> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        events.stream().map(TestProducer::topicOf).distinct().forEach(topic -> awaitLeaders(topic.topicName()));
        for (ShopEvent event : events) {
            acks.add(producer.send(new ProducerRecord<>(topicOf(event).topicName(), event.key(),
                    ShopJson.write(event).getBytes(StandardCharsets.UTF_8))));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not write events", e.getCause());
            }
        }
    }

    /**
     * An order id that Kafka's default partitioner puts in {@code partition} of a topic of
     * {@code partitions}: every event of that order, whoever writes it, lands there, as the
     * shop's events of one order do.
     */
    public static UUID orderIdIn(int partition, int partitions) {
        while (true) {
            UUID id = UUID.randomUUID();
            byte[] key = id.toString().getBytes(StandardCharsets.UTF_8);
            if (Utils.toPositive(Utils.murmur2(key)) % partitions == partition) {
                return id;
            }
        }
    }

    /** Publishes to the given partition instead of the one the key picks. */
    public RecordMetadata publishTo(ShopTopic topic, int partition, ShopEvent event) {
        awaitLeaders(topic.topicName());
        try {
            return producer.send(new ProducerRecord<>(topic.topicName(), partition, event.key(),
                    ShopJson.write(event).getBytes(StandardCharsets.UTF_8))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write to " + topic.topicName(), e.getCause());
        }
    }

    public RecordMetadata publishRaw(String topic, String key, String value) {
        awaitLeaders(topic);
        try {
            return producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write to " + topic, e.getCause());
        }
    }

    /**
     * Waits until every partition of the topic has a leader: producing into a topic in the
     * moment after it was created can leave an idempotent producer stalled.
     */
    private void awaitLeaders(String topic) {
        if (ledTopics.contains(topic)) {
            return;
        }
        await("every partition of " + topic + " has a leader")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    var partitions = producer.partitionsFor(topic);
                    return !partitions.isEmpty() && partitions.stream().allMatch(p -> p.leader() != null && p.leader().id() >= 0);
                });
        ledTopics.add(topic);
    }

    @Override
    public void close() {
        producer.close();
    }
}
