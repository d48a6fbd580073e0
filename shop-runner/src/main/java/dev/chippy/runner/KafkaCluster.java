package dev.chippy.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

import dev.chippy.port.Ports;

/**
 * The shop's Kafka: one KRaft node, or a cluster of several ({@code ./chippy run --brokers=3}),
 * each node a broker and a controller in a JVM of its own. With three or more nodes every
 * topic has three replicas and {@code min.insync.replicas=2}, so any one node can die.
 */
public final class KafkaCluster {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final List<KafkaBroker> brokers;

    private KafkaCluster(List<KafkaBroker> brokers) {
        this.brokers = List.copyOf(brokers);
    }

    /**
     * Launches {@code size} nodes, the first on {@code port} and the others on the next free
     * ports after it, each keeping its data under {@code dir}. One node is the single broker
     * {@code ./chippy run} has always run ({@code dir} itself holds its data).
     */
    public static KafkaCluster launch(int size, Path dir, Path logs, String classpath, int port) {
        return launch(size, dir, logs, classpath, port, List.of());
    }

    /** The same, each node's JVM given these options as well ({@link KafkaBroker#QUICK_JVM} for a demo). */
    public static KafkaCluster launch(int size, Path dir, Path logs, String classpath, int port, List<String> jvm) {
        if (size == 1) {
            return new KafkaCluster(List.of(KafkaBroker.launch(dir, logs, classpath, jvm, port, Ports.free(port + 1), Map.of())));
        }
        List<Integer> ports = new ArrayList<>();
        List<Integer> controllerPorts = new ArrayList<>();
        for (int n = 0; n < size; n++) {
            ports.add(n == 0 ? port : Ports.free(port + n));
            controllerPorts.add(Ports.free(port + 100 + n));
        }
        String voters = IntStream.range(0, size)
                .mapToObj(n -> (n + 1) + "@localhost:" + controllerPorts.get(n)).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        int replicas = Math.min(3, size);
        List<CompletableFuture<KafkaBroker>> preparing = new ArrayList<>();
        for (int n = 0; n < size; n++) {
            int node = n + 1;
            Path nodeDir = dir.resolve("node-" + node);
            String properties = KafkaBroker.serverProperties(node, nodeDir.resolve("data"), ports.get(n),
                    controllerPorts.get(n), voters, replicas);
            preparing.add(CompletableFuture.supplyAsync(() ->
                    KafkaBroker.prepare(nodeDir, logs, classpath, jvm, ports.get(node - 1), properties, clusterId, "kafka-" + node)));
        }
        List<KafkaBroker> brokers = preparing.stream().map(CompletableFuture::join).toList();
        brokers.forEach(KafkaBroker::start);
        return new KafkaCluster(brokers);
    }

    /** Waits until every node answers and sees the others. */
    public void awaitReady() {
        brokers.forEach(KafkaBroker::awaitReady);
        if (brokers.size() == 1) {
            return;
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size() == brokers.size()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // still forming
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Kafka cluster did not form within " + READY_TIMEOUT.toSeconds() + " s");
                }
            }
        }
    }

    /** Every node's address: clients find the rest from any of them. */
    public String bootstrapServers() {
        return brokers.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    public List<KafkaBroker> brokers() {
        return brokers;
    }

    public int size() {
        return brokers.size();
    }

    /** Replicas of every topic: three on a cluster of three or more, else one per node. */
    public int replicationFactor() {
        return Math.min(3, brokers.size());
    }

    /** The node leading most partitions of {@code topic} right now. */
    public KafkaBroker leaderOfMost(String topic) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            Map<Integer, Long> led = description.partitions().stream().map(TopicPartitionInfo::leader)
                    .filter(Objects::nonNull)
                    .collect(Collectors.groupingBy(leader -> leader.id(), Collectors.counting()));
            int node = led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            return brokers.stream().filter(broker -> broker.nodeId() == node).findFirst().orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException("could not find the leader of " + topic, e);
        }
    }

    public List<ChildProcess> processes() {
        return brokers.stream().map(KafkaBroker::process).toList();
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }

    /** Stops every node still running, gracefully. */
    public void stop() {
        CompletableFuture.allOf(brokers.stream().map(broker -> CompletableFuture.runAsync(broker::stop))
                .toArray(CompletableFuture[]::new)).join();
    }
}
