package dev.chippy.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.FileSystemUtils;

import dev.chippy.port.Ports;
import dev.chippy.runner.KafkaBroker;
import dev.chippy.runner.Shop;

/**
 * {@code ./chippy bench tail [broker.X=Y] [producer.X=Y] [consumer.X=Y] [rates=250,500,1000]}:
 * where the transactional chain's latency tail comes from. On one broker with Chippy's
 * settings (plus any given), the plain chain and the transactional chain run at each rate
 * for 20 s after a 10 s warm-up, and for each the output shows the end-to-end percentiles next
 * to how long the relay spent in {@code sendOffsetsToTransaction} and in
 * {@code commitTransaction}, and the relay producer's retry and transaction metrics over the
 * run. Settings given here are tried on both chains; decision 8 has what they showed.
 */
final class TransactionTail {

    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration MEASURE = Duration.ofSeconds(20);
    private static final int ORDER_BYTES = 300;
    private static final List<String> METRICS = List.of("record-retry-total", "record-error-total", "txn-begin-time-ns-total",
            "txn-send-offsets-time-ns-total", "txn-commit-time-ns-total", "request-latency-max", "produce-throttle-time-max");

    private TransactionTail() {
    }

    static void run(Path home, List<String> args) throws Exception {
        Map<String, String> broker = new LinkedHashMap<>();
        Map<String, String> producers = new LinkedHashMap<>();
        Map<String, String> consumers = new LinkedHashMap<>();
        List<Double> rates = List.of(250.0, 500.0, 1_000.0);
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("expected key=value, got " + arg);
            }
            String key = arg.substring(0, equals);
            String value = arg.substring(equals + 1);
            if (key.equals("rates")) {
                rates = List.of(value.split(",")).stream().map(Double::parseDouble).toList();
            } else if (key.startsWith("broker.")) {
                broker.put(key.substring("broker.".length()), value);
            } else if (key.startsWith("producer.")) {
                producers.put(key.substring("producer.".length()), value);
            } else if (key.startsWith("consumer.")) {
                consumers.put(key.substring("consumer.".length()), value);
            } else {
                throw new IllegalArgumentException("a setting is broker.X, producer.X or consumer.X, not " + key);
            }
        }
        Path work = Files.createTempDirectory("chippy-tail-");
        say("The transactional tail: broker " + broker + ", producers " + producers + ", consumers " + consumers + "; work in " + work);
        KafkaBroker kafka = KafkaBroker.launch(work.resolve("kafka"), work.resolve("logs"), Shop.libraries(home), Ports.free(0),
                Ports.free(0), broker);
        kafka.awaitReady();
        try {
            for (boolean transactional : List.of(false, true)) {
                try (KafkaChain chain = new KafkaChain(kafka.bootstrapServers(), transactional, producers, consumers)) {
                    chain.atRate(ORDER_BYTES, rates.get(0), Duration.ZERO, WARM_UP);
                    for (double rate : rates) {
                        Map<String, Double> before = chain.relayProducerMetrics();
                        KafkaChain.Result result = chain.atRate(ORDER_BYTES, rate, Duration.ofSeconds(2), MEASURE);
                        Map<String, Double> after = chain.relayProducerMetrics();
                        Latencies e2e = result.latencies();
                        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                                "%-13s %,6.0f msg/s: end to end p50 %.1f p99 %.1f max %.1f ms",
                                transactional ? "transactions" : "plain", rate, e2e.percentile(50), e2e.percentile(99),
                                e2e.percentile(100)));
                        if (transactional) {
                            line.append(String.format(Locale.ROOT,
                                    "; %d commits: commit p50 %.1f p99 %.1f max %.1f ms, offsets p99 %.1f max %.1f ms",
                                    chain.committing().count(), chain.committing().percentile(50),
                                    chain.committing().percentile(99), chain.committing().percentile(100),
                                    chain.sendingOffsets().percentile(99), chain.sendingOffsets().percentile(100)));
                        }
                        for (String metric : METRICS) {
                            double value = metric.endsWith("-max") ? after.getOrDefault(metric, Double.NaN)
                                    : after.getOrDefault(metric, 0.0) - before.getOrDefault(metric, 0.0);
                            if (value != 0 && !Double.isNaN(value)) {
                                line.append(String.format(Locale.ROOT, "; %s %s", metric,
                                        metric.endsWith("-ns-total") ? String.format(Locale.ROOT, "%.0f ms", value / 1e6)
                                                : Figure.number(value)));
                            }
                        }
                        say(line.toString());
                    }
                }
            }
        } finally {
            kafka.stop();
        }
        FileSystemUtils.deleteRecursively(work); // the broker's logs; a run that failed keeps them
    }

    private static void say(String message) {
        System.out.println(LocalTime.now().withNano(0) + " " + message);
    }
}
