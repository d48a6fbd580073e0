package dev.chippy.sink.board;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.stereotype.Component;

import dev.chippy.topic.ShopTopic;

/**
 * How far behind the preparers and the cook are, per partition, and who owns which
 * partition: read from Kafka with the admin client, the way {@code kafka-consumer-groups
 * --describe} does, by one scheduled task for every screen ({@link Screens}), and kept
 * for the last minute or two so a screen can draw it.
 *
 * <p>An order's events share a partition number on every topic, so lag is shown per
 * partition number, summed over the topics the group reads (the preparers read orders and
 * cooked plaice). A group reading transactional topics commits the offset of its last
 * record plus one, short of the marker that closed the transaction: a caught-up group
 * shows about one per partition, as kafka-consumer-groups does.
 */
@Component
class ConsumerLag {

    /** Spring's listener container numbers each consumer's client id: preparer-1-0. */
    private static final Pattern CONTAINER_SUFFIX = Pattern.compile("-\\d+$");
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);

    /** A consumer group of the kitchen, and the topics it reads. */
    private record Kitchen(String group, String title, List<String> topics) {
    }

    /** One reading: when, and the lag of each partition number. */
    private record Reading(long at, Map<Integer, Long> lag) {
    }

    private final Admin admin;
    private final Clock clock;
    private final Duration history;
    private final List<Kitchen> kitchens;
    private final Map<String, Deque<Reading>> readings = new HashMap<>();
    private final Map<String, Map<String, List<Integer>>> owners = new HashMap<>();
    private String problem = "not read yet";

    ConsumerLag(Admin admin, Clock clock, BoardProperties properties) {
        this.admin = admin;
        this.clock = clock;
        this.history = properties.lagHistory();
        this.kitchens = List.of(
                new Kitchen(properties.preparersGroup(), "Preparers",
                        List.of(ShopTopic.ORDERS.topicName(), ShopTopic.COOKED.topicName())),
                new Kitchen(properties.cooksGroup(), "Cook", List.of(ShopTopic.COOK_REQUESTS.topicName())));
    }

    /** Reads every group's lag and members once; a Kafka that does not answer leaves a gap in the chart. */
    synchronized void read() {
        long now = clock.millis();
        try {
            Map<String, List<TopicPartition>> partitions = partitions();
            Map<TopicPartition, Long> ends = ends(partitions.values().stream().flatMap(List::stream).toList());
            Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
            kitchens.forEach(kitchen -> specs.put(kitchen.group(), new ListConsumerGroupOffsetsSpec()));
            var committed = admin.listConsumerGroupOffsets(specs);
            Map<String, KafkaFuture<ConsumerGroupDescription>> groups = admin.describeConsumerGroups(
                    specs.keySet(), new DescribeConsumerGroupsOptions().timeoutMs((int) KAFKA_TIMEOUT.toMillis())).describedGroups();
            for (Kitchen kitchen : kitchens) {
                Map<TopicPartition, OffsetAndMetadata> offsets = orEmpty(committed.partitionsToOffsetAndMetadata(kitchen.group()));
                Map<Integer, Long> lag = new TreeMap<>();
                for (String topic : kitchen.topics()) {
                    for (TopicPartition partition : partitions.getOrDefault(topic, List.of())) {
                        OffsetAndMetadata at = offsets.get(partition);
                        long behind = Math.max(0, ends.getOrDefault(partition, 0L) - (at == null ? 0 : at.offset()));
                        lag.merge(partition.partition(), behind, Long::sum);
                    }
                }
                Deque<Reading> kept = readings.computeIfAbsent(kitchen.group(), group -> new ArrayDeque<>());
                kept.addLast(new Reading(now, lag));
                while (!kept.isEmpty() && kept.peekFirst().at() < now - history.toMillis()) {
                    kept.removeFirst();
                }
                ConsumerGroupDescription group = orNull(groups.get(kitchen.group()));
                owners.put(kitchen.group(), group == null ? Map.of() : members(group, kitchen.topics()));
            }
            problem = null;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            problem = "Kafka did not answer: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The partitions each worker of {@code group} owns, by worker name, as last read. */
    synchronized Map<String, List<Integer>> owners(String group) {
        return owners.getOrDefault(group, Map.of());
    }

    /** The lag of the last minute or two, per group, as the screens chart it. */
    synchronized LagView view() {
        List<LagView.GroupLag> groups = new ArrayList<>();
        for (Kitchen kitchen : kitchens) {
            Deque<Reading> kept = readings.getOrDefault(kitchen.group(), new ArrayDeque<>());
            TreeSet<Integer> numbers = new TreeSet<>();
            kept.forEach(reading -> numbers.addAll(reading.lag().keySet()));
            List<Integer> partitions = List.copyOf(numbers);
            Map<Integer, String> ownerOf = new HashMap<>();
            owners(kitchen.group()).forEach((worker, owned) -> owned.forEach(partition -> ownerOf.put(partition, worker)));
            List<String> partitionOwners = new ArrayList<>();
            partitions.forEach(partition -> partitionOwners.add(ownerOf.get(partition)));
            List<LagView.Sample> samples = new ArrayList<>(kept.size());
            for (Reading reading : kept) {
                List<Long> lag = new ArrayList<>(partitions.size());
                partitions.forEach(partition -> lag.add(reading.lag().get(partition)));
                samples.add(new LagView.Sample(reading.at(), lag));
            }
            groups.add(new LagView.GroupLag(kitchen.group(), kitchen.title(), partitions, partitionOwners, samples));
        }
        return new LagView(clock.millis(), history.toMillis(), groups, problem);
    }

    /** The partitions of each topic the kitchen reads; a topic not made yet has none. */
    private Map<String, List<TopicPartition>> partitions() throws InterruptedException {
        List<String> topics = kitchens.stream().flatMap(kitchen -> kitchen.topics().stream()).distinct().toList();
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics,
                new DescribeTopicsOptions().timeoutMs((int) KAFKA_TIMEOUT.toMillis())).topicNameValues();
        Map<String, List<TopicPartition>> partitions = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : described.entrySet()) {
            TopicDescription description = orNull(topic.getValue());
            if (description != null) {
                partitions.put(topic.getKey(), description.partitions().stream()
                        .map(partition -> new TopicPartition(topic.getKey(), partition.partition())).toList());
            }
        }
        return partitions;
    }

    /** The end of each partition as a read_committed consumer sees it: the lag it could catch up on. */
    private Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions)
            throws ExecutionException, TimeoutException, InterruptedException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** Each member's partitions of the kitchen's topics, by the worker's name. */
    private static Map<String, List<Integer>> members(ConsumerGroupDescription group, List<String> topics) {
        Map<String, List<Integer>> members = new TreeMap<>();
        for (MemberDescription member : group.members()) {
            TreeSet<Integer> owned = new TreeSet<>();
            member.assignment().topicPartitions().stream().filter(partition -> topics.contains(partition.topic()))
                    .forEach(partition -> owned.add(partition.partition()));
            members.merge(workerName(member.clientId()), List.copyOf(owned), (one, other) -> {
                TreeSet<Integer> both = new TreeSet<>(one);
                both.addAll(other);
                return List.copyOf(both);
            });
        }
        return members;
    }

    /** The worker's name (preparer-1) from its consumer's client id (preparer-1-0). */
    static String workerName(String clientId) {
        return CONTAINER_SUFFIX.matcher(clientId).replaceFirst("");
    }

    private static <T> Map<TopicPartition, T> orEmpty(KafkaFuture<Map<TopicPartition, T>> future) throws InterruptedException {
        Map<TopicPartition, T> found = orNull(future);
        return found == null ? Map.of() : found;
    }

    /** The answer, or null when Kafka says there is none: a group or topic that does not exist (yet). */
    private static <T> T orNull(KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException || e.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + KAFKA_TIMEOUT.toMillis() + " ms", e);
        }
    }
}
