package dev.chippy.sink.board;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
import org.apache.kafka.clients.admin.DescribeShareGroupsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.ShareMemberDescription;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import dev.chippy.sink.kafka.TopicEnds;

import dev.chippy.topic.ShopGroup;
import dev.chippy.topic.ShopTopic;

/**
 * How far behind the preparers and the cook are, per partition, and who owns which
 * partition: read from Kafka with the admin client, the way {@code kafka-consumer-groups
 * --describe} does, by one scheduled task for every screen ({@link Screens}), and kept
 * for the last minute or two so a screen can draw it.
 *
 * <p>An order's events share a partition number on every topic, so lag is shown per
 * partition number, summed over the topics the group reads (the preparers read orders and
 * cooked plaice). Lag is counted in records waiting, not in offsets as kafka-consumer-groups
 * counts it ({@link RecordsWaiting}): the markers that close Kafka transactions take offsets
 * too, and a caught-up group would show one or two behind for ever.
 */
@Component
class ConsumerLag implements DisposableBean {

    /** Spring's listener container numbers each consumer's client id: preparer-1-0. */
    private static final Pattern CONTAINER_SUFFIX = Pattern.compile("-\\d+$");
    private static final Pattern SHARE_MEMBER_SUFFIX = Pattern.compile("-(orders|cooked)$");
    private static final Pattern STREAM_THREAD = Pattern.compile("^(.*)-StreamThread-(\\d+)-consumer$");
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);
    /** Time spent reading records per reading, at most; what is not read yet is counted in offsets meanwhile. */
    private static final Duration READING_BUDGET = Duration.ofMillis(500);
    private static final int MAX_RECORDS_PER_READING = 50_000;

    /** A group of the kitchen, and the topics it reads; a share group (Kafka queues) or a consumer group. */
    private record Kitchen(String group, String title, List<String> topics, boolean shares) {
        Kitchen(String group, String title, List<String> topics) {
            this(group, title, topics, false);
        }
    }

    /** One reading: when, and the lag of each partition number. */
    private record Reading(long at, Map<Integer, Long> lag) {
    }

    private final Admin admin;
    private final TopicEnds topicEnds;
    /** Per group: two groups reading one topic (the preparers and the analyst) each have their own place in it. */
    private final Map<String, RecordsWaiting> waiting = new HashMap<>();
    private final Clock clock;
    private final Duration history;
    private final List<Kitchen> kitchens;
    private final Map<String, Deque<Reading>> readings = new HashMap<>();
    private final Map<String, Map<String, List<Integer>>> owners = new HashMap<>();
    private String problem = "not read yet";

    ConsumerLag(Admin admin, TopicEnds topicEnds, ConsumerFactory<?, ?> consumers, Clock clock, BoardProperties properties) {
        this.admin = admin;
        this.topicEnds = topicEnds;
        this.clock = clock;
        this.history = properties.lagHistory();
        this.kitchens = List.of(
                new Kitchen(ShopGroup.PREPARERS, "Preparers",
                        List.of(ShopTopic.ORDERS.topicName(), ShopTopic.COOKED.topicName())),
                // The queue scenario's preparers: several on each partition, which Kafka counts itself.
                new Kitchen(ShopGroup.PREPARERS_SHARING, "Preparers (share group)",
                        List.of(ShopTopic.ORDERS.topicName(), ShopTopic.COOKED.topicName()), true),
                new Kitchen(ShopGroup.COOKS, "Cook", List.of(ShopTopic.COOK_REQUESTS.topicName())),
                // Another reader of the same orders, in a group of its own: it gets every order too.
                new Kitchen(ShopGroup.ANALYST, "Analyst",
                        List.of(ShopTopic.ORDERS.topicName(), ShopTopic.ORDER_STATUS.topicName())));
        kitchens.stream().filter(kitchen -> !kitchen.shares()).forEach(kitchen -> waiting.put(kitchen.group(),
                new RecordsWaiting(() -> recordCounter(consumers), MAX_RECORDS_PER_READING)));
    }

    /** Reads every group's lag and members once; a Kafka that does not answer leaves a gap in the chart. */
    synchronized void read() {
        long now = clock.millis();
        try {
            Map<TopicPartition, Long> ends = topicEnds.of(
                    kitchens.stream().flatMap(kitchen -> kitchen.topics().stream()).distinct().toList(), KAFKA_TIMEOUT);
            Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
            Map<String, ListShareGroupOffsetsSpec> shareSpecs = new LinkedHashMap<>();
            kitchens.forEach(kitchen -> {
                if (kitchen.shares()) {
                    shareSpecs.put(kitchen.group(), new ListShareGroupOffsetsSpec());
                } else {
                    specs.put(kitchen.group(), new ListConsumerGroupOffsetsSpec());
                }
            });
            var committed = admin.listConsumerGroupOffsets(specs);
            Map<String, KafkaFuture<ConsumerGroupDescription>> groups = admin.describeConsumerGroups(
                    specs.keySet(), new DescribeConsumerGroupsOptions().timeoutMs((int) KAFKA_TIMEOUT.toMillis())).describedGroups();
            var shareOffsets = admin.listShareGroupOffsets(shareSpecs);
            Map<String, KafkaFuture<ShareGroupDescription>> shareGroups = admin.describeShareGroups(shareSpecs.keySet(),
                    new DescribeShareGroupsOptions().timeoutMs((int) KAFKA_TIMEOUT.toMillis())).describedGroups();
            for (Kitchen kitchen : kitchens) {
                if (kitchen.shares()) {
                    readShareGroup(kitchen, now, orEmpty(shareOffsets.partitionsToOffsetInfo(kitchen.group())),
                            orNull(shareGroups.get(kitchen.group())));
                    continue;
                }
                // Where the group stands in each partition is where its records wait from.
                Map<TopicPartition, Long> from = new HashMap<>();
                orEmpty(committed.partitionsToOffsetAndMetadata(kitchen.group())).forEach((partition, at) -> {
                    if (at != null && kitchen.topics().contains(partition.topic())) {
                        from.put(partition, at.offset());
                    }
                });
                Map<TopicPartition, Long> itsEnds = new HashMap<>(ends);
                itsEnds.keySet().removeIf(partition -> !kitchen.topics().contains(partition.topic()));
                Map<TopicPartition, Long> behind = waiting.get(kitchen.group())
                        .count(from, itsEnds, READING_BUDGET.dividedBy(kitchens.size()));
                Map<Integer, Long> lag = new TreeMap<>();
                behind.forEach((partition, records) -> lag.merge(partition.partition(), records, Long::sum));
                keep(kitchen, now, lag);
                ConsumerGroupDescription group = orNull(groups.get(kitchen.group()));
                owners.put(kitchen.group(), group == null ? Map.of() : members(group, kitchen.topics()));
            }
            problem = null;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            problem = "Kafka did not answer: " + e.getMessage();
            if (e instanceof InterruptException) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void keep(Kitchen kitchen, long now, Map<Integer, Long> lag) {
        Deque<Reading> kept = readings.computeIfAbsent(kitchen.group(), group -> new ArrayDeque<>());
        kept.addLast(new Reading(now, lag));
        while (!kept.isEmpty() && kept.peekFirst().at() < now - history.toMillis()) {
            kept.removeFirst();
        }
    }

    /**
     * A share group's lag as Kafka counts it (records not yet acknowledged, KIP-1226), and its
     * members: several preparers on one partition. Nothing is kept while the group does not
     * exist, so a shop without one shows no chart for it.
     */
    private void readShareGroup(Kitchen kitchen, long now, Map<TopicPartition, SharePartitionOffsetInfo> offsets,
                                ShareGroupDescription group) {
        if (offsets.isEmpty() && (group == null || group.members().isEmpty())) {
            return;
        }
        Map<Integer, Long> lag = new TreeMap<>();
        offsets.forEach((partition, info) -> {
            if (info != null && kitchen.topics().contains(partition.topic())) {
                lag.merge(partition.partition(), info.lag().orElse(0L), Long::sum);
            }
        });
        keep(kitchen, now, lag);
        Map<String, List<Integer>> members = new TreeMap<>();
        if (group != null) {
            for (ShareMemberDescription member : group.members()) {
                TreeSet<Integer> held = new TreeSet<>(members.getOrDefault(shareWorkerName(member.clientId()), List.of()));
                member.assignment().topicPartitions().stream().filter(partition -> kitchen.topics().contains(partition.topic()))
                        .forEach(partition -> held.add(partition.partition()));
                members.put(shareWorkerName(member.clientId()), List.copyOf(held));
            }
        }
        owners.put(kitchen.group(), members);
    }

    /** A preparer of a share group is a member per topic it reads: preparer-4 from preparer-4-orders and preparer-4-cooked. */
    static String shareWorkerName(String clientId) {
        return SHARE_MEMBER_SUFFIX.matcher(clientId).replaceFirst("");
    }

    /** The partitions each preparer reads: of the share group when the preparers are one (the queue scenario). */
    synchronized Map<String, List<Integer>> preparersOwners() {
        Map<String, List<Integer>> sharing = owners(ShopGroup.PREPARERS_SHARING);
        return sharing.isEmpty() ? owners(ShopGroup.PREPARERS) : sharing;
    }

    /** The partitions each worker of {@code group} owns, by worker name, as last read. */
    synchronized Map<String, List<Integer>> owners(String group) {
        return owners.getOrDefault(group, Map.of());
    }

    /** The lag of the last minute or two, per group, as the screens chart it. */
    synchronized LagView view() {
        List<LagView.GroupLag> groups = new ArrayList<>();
        boolean preparersShare = readings.containsKey(ShopGroup.PREPARERS_SHARING);
        for (Kitchen kitchen : kitchens) {
            if (kitchen.shares() && !readings.containsKey(kitchen.group())
                    || kitchen.group().equals(ShopGroup.PREPARERS) && preparersShare && owners(kitchen.group()).isEmpty()) {
                continue; // a share group that does not exist, or the consumer group the share group stands in for
            }
            Deque<Reading> kept = readings.getOrDefault(kitchen.group(), new ArrayDeque<>());
            TreeSet<Integer> numbers = new TreeSet<>();
            kept.forEach(reading -> numbers.addAll(reading.lag().keySet()));
            List<Integer> partitions = List.copyOf(numbers);
            Map<Integer, String> ownerOf = new HashMap<>();
            // One owner per partition in a consumer group; in a share group, every preparer given it.
            owners(kitchen.group()).forEach((worker, owned) -> owned.forEach(partition ->
                    ownerOf.merge(partition, worker, (one, other) -> one + ", " + other)));
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

    /** A read_committed consumer of no group that counts records and does not even deserialize them. */
    private static Consumer<?, ?> recordCounter(ConsumerFactory<?, ?> consumers) {
        Map<String, Object> config = new HashMap<>(consumers.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "chippy-board-lag");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Deserializer<Void> nothing = (topic, data) -> null;
        return new KafkaConsumer<>(config, nothing, nothing);
    }

    @Override
    public synchronized void destroy() {
        waiting.values().forEach(RecordsWaiting::close);
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

    /**
     * The worker's name from its consumer's client id: preparer-1 from preparer-1-0 (a listener
     * container's), analyst-1 from analyst-StreamThread-1-consumer (a Kafka Streams thread's).
     */
    static String workerName(String clientId) {
        String streamThread = STREAM_THREAD.matcher(clientId).replaceFirst("$1-$2");
        return streamThread.equals(clientId) ? CONTAINER_SUFFIX.matcher(clientId).replaceFirst("") : streamThread;
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
