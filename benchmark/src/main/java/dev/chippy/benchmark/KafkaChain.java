package dev.chippy.benchmark;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline for orders through the shop: a plain Kafka chain of the hops an order makes —
 * producer → topic → consumer that produces → topic → consumer — with messages of an order's
 * size and the shop's client settings (acks=all, idempotence, lz4, linger 2 ms, a 2 ms retry
 * back-off, read_committed, batches of 500), on the same broker. No Spring, no JSON, no
 * database. {@code KafkaChainSettingsTest} checks that these are the services' own.
 *
 * <p>Transactional, the relay consumes, produces and commits its offsets in one Kafka
 * transaction per poll, as the preparers and the cook do: the cost of exactly once alone.
 */
final class KafkaChain implements AutoCloseable {

    record Result(double perSecond, Latencies latencies) {
    }

    private final String bootstrap;
    private final String first = "bench.chain-in-" + UUID.randomUUID();
    private final String second = "bench.chain-out-" + UUID.randomUUID();
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaProducer<String, byte[]> relayProducer;
    private final KafkaConsumer<String, byte[]> relay;
    private final KafkaConsumer<String, byte[]> sink;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread relayThread;
    private final Thread sinkThread;
    private volatile boolean countByArrival;
    private volatile long measureFrom;
    private volatile long measureUntil;
    private volatile Latencies latencies = new Latencies();
    private volatile Latencies sendingOffsets = new Latencies();
    private volatile Latencies committing = new Latencies();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong sentInAll = new AtomicLong();
    private final AtomicLong arrivedInAll = new AtomicLong();
    private static final int IN_FLIGHT = 100_000;
    private static final byte[] TEXT = "{\"type\":\"OrderPlaced\",\"lines\":[{\"item\":\"cod-and-chips\",\"quantity\":1}]}0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII);
    private final SplittableRandom random = new SplittableRandom(17);

    private final boolean transactional;

    KafkaChain(String bootstrap, boolean transactional) throws Exception {
        this(bootstrap, transactional, Map.of(), Map.of());
    }

    /**
     * A chain whose clients take settings beyond the services' own: {@code producers} for both
     * producers, {@code consumers} for both consumers. Only {@code ./chippy bench tail} uses
     * them, to test what a setting does to the transactional tail.
     */
    KafkaChain(String bootstrap, boolean transactional, Map<String, String> producers, Map<String, String> consumers)
            throws Exception {
        this.bootstrap = bootstrap;
        this.transactional = transactional;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(first, 3, (short) 1), new NewTopic(second, 3, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Properties producerSettings = producerSettings(bootstrap);
        producerSettings.putAll(producers);
        producer = new KafkaProducer<>(producerSettings, new StringSerializer(), new ByteArraySerializer());
        Properties relaySettings = producerSettings(bootstrap);
        relaySettings.putAll(producers);
        if (transactional) {
            relaySettings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-relay-" + UUID.randomUUID());
        }
        relayProducer = new KafkaProducer<>(relaySettings, new StringSerializer(), new ByteArraySerializer());
        if (transactional) {
            relayProducer.initTransactions();
        }
        Properties relayConsumer = consumerSettings(bootstrap, "bench-relay");
        relayConsumer.putAll(consumers);
        Properties sinkConsumer = consumerSettings(bootstrap, "bench-sink");
        sinkConsumer.putAll(consumers);
        relay = new KafkaConsumer<>(relayConsumer, new StringDeserializer(), new ByteArrayDeserializer());
        sink = new KafkaConsumer<>(sinkConsumer, new StringDeserializer(), new ByteArrayDeserializer());
        relay.subscribe(List.of(first));
        sink.subscribe(List.of(second));
        relayThread = new Thread(this::relay, "chain-relay");
        sinkThread = new Thread(this::sink, "chain-sink");
        relayThread.start();
        sinkThread.start();
        // Both consumers have their partitions before anything is sent.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((relayAssigned == 0 || sinkAssigned == 0) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private volatile int relayAssigned;
    private volatile int sinkAssigned;

    static Properties producerSettings(String bootstrap) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        settings.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 2);
        return settings;
    }

    static Properties consumerSettings(String bootstrap, String group) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group + "-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return settings;
    }

    /** How long the relay's {@code sendOffsetsToTransaction} and {@code commitTransaction} took, in ms, since the last run began. */
    Latencies sendingOffsets() {
        return sendingOffsets;
    }

    Latencies committing() {
        return committing;
    }

    /** The relay producer's own metrics ({@code producer-metrics} group), by name. */
    Map<String, Double> relayProducerMetrics() {
        Map<String, Double> metrics = new TreeMap<>();
        relayProducer.metrics().forEach((name, metric) -> {
            if (name.group().equals("producer-metrics") && metric.metricValue() instanceof Double value) {
                metrics.put(name.name(), value);
            }
        });
        return metrics;
    }

    private void relay() {
        while (running.get()) {
            var records = relay.poll(Duration.ofMillis(50));
            relayAssigned = relay.assignment().size();
            if (records.isEmpty()) {
                continue;
            }
            if (transactional) {
                relayProducer.beginTransaction();
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                relayProducer.send(new ProducerRecord<>(second, record.key(), record.value()));
            }
            if (transactional) {
                Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                for (TopicPartition partition : records.partitions()) {
                    List<ConsumerRecord<String, byte[]>> polled = records.records(partition);
                    next.put(partition, new OffsetAndMetadata(polled.get(polled.size() - 1).offset() + 1));
                }
                long began = System.nanoTime();
                relayProducer.sendOffsetsToTransaction(next, relay.groupMetadata());
                long offsetsSent = System.nanoTime();
                relayProducer.commitTransaction();
                sendingOffsets.add((offsetsSent - began) / 1e6);
                committing.add((System.nanoTime() - offsetsSent) / 1e6);
            } else {
                relay.commitAsync();
            }
        }
        relay.close();
    }

    private void sink() {
        while (running.get()) {
            var records = sink.poll(Duration.ofMillis(50));
            sinkAssigned = sink.assignment().size();
            long now = System.nanoTime();
            arrivedInAll.addAndGet(records.count());
            for (ConsumerRecord<String, byte[]> record : records) {
                long sent = ByteBuffer.wrap(record.value()).getLong();
                // At saturation the rate is what arrives within the window; at a fixed rate,
                // every message sent within it counts, however late it arrives.
                long counted = countByArrival ? now : sent;
                if (counted >= measureFrom && counted < measureUntil) {
                    latencies.add((now - sent) / 1e6);
                    delivered.incrementAndGet();
                }
            }
            if (!records.isEmpty()) {
                sink.commitAsync();
            }
        }
        sink.close();
    }

    /**
     * A value of an order's size that compresses about as well as an order's JSON does: text,
     * not zeros (lz4 makes 300 zero bytes almost nothing, which would flatter the chain).
     */
    private byte[] filler(int bytes) {
        byte[] value = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            value[i] = TEXT[random.nextInt(TEXT.length)];
        }
        return value;
    }

    /** Sends as fast as the producer takes them; the rate is what comes out at the end of the chain. */
    Result saturate(int payloadBytes, Duration warmUp, Duration measure) {
        return run(payloadBytes, 0, warmUp, measure);
    }

    Result atRate(int payloadBytes, double perSecond, Duration warmUp, Duration measure) {
        return run(payloadBytes, perSecond, warmUp, measure);
    }

    private Result run(int payloadBytes, double perSecond, Duration warmUp, Duration measure) {
        latencies = new Latencies();
        sendingOffsets = new Latencies();
        committing = new Latencies();
        delivered.set(0);
        countByArrival = perSecond <= 0;
        long start = System.nanoTime();
        measureFrom = start + warmUp.toNanos();
        measureUntil = measureFrom + measure.toNanos();
        double interval = perSecond > 0 ? 1e9 / perSecond : 0;
        for (long i = 0; ; i++) {
            long due = perSecond > 0 ? start + (long) (i * interval) : System.nanoTime();
            if (due >= measureUntil) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            // At saturation, no more than a window of messages in the chain at once: an
            // unbounded backlog would take minutes to drain and measure nothing more.
            while (perSecond <= 0 && sentInAll.get() - arrivedInAll.get() > IN_FLIGHT) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
            }
            ByteBuffer value = ByteBuffer.wrap(filler(payloadBytes));
            value.putLong(perSecond > 0 ? due : System.nanoTime());
            producer.send(new ProducerRecord<>(first, UUID.randomUUID().toString(), value.array()));
            sentInAll.incrementAndGet();
        }
        producer.flush();
        // Everything sent comes out of the chain before the next run starts: a backlog left
        // by a saturation run would otherwise count as the next run's latency.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && arrivedInAll.get() < sentInAll.get()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        return new Result(delivered.get() / (measure.toNanos() / 1e9), latencies);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        relayThread.join();
        sinkThread.join();
        producer.close();
        relayProducer.close();
    }
}
