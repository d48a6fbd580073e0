package dev.chippy.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.springframework.util.FileSystemUtils;

import dev.chippy.runner.KafkaBroker;
import dev.chippy.port.Ports;
import dev.chippy.runner.Postgres;
import dev.chippy.runner.RunOptions;
import dev.chippy.runner.Shop;
import dev.chippy.runner.ServiceJvm;
import dev.chippy.runner.ServiceLaunch;
import dev.chippy.runner.ShopPorts;

/**
 * {@code ./chippy bench}: measures the shop against the raw limits of Kafka and PostgreSQL on
 * this machine, in one run. Every part runs as it is deployed (each service in its own JVM,
 * a real broker, a real PostgreSQL), with simulated time off (speed factor 0). Each figure is
 * the median of several runs, with the spread.
 */
public final class Benchmark {

    /** What can be measured, in the order it is: {@code --only=shop,sink} measures some. */
    private static final List<String> PARTS = List.of("intake", "shop", "sink", "start");
    private static final double[] FRACTIONS = {0.25, 0.5, 0.9};
    private static final int CLIENTS = 64;
    private static final int ORDER_BYTES = 300;
    /** Orders per second while the shop warms up: a rate every run so far kept up with. */
    private static final int WARM_UP_RATE = 200;
    /** The most 5 s windows a full run warms up for before it measures anyway (and says so). */
    private static final int WARM_UP_WINDOWS = 60;

    private final Path home;
    private final Path work;
    private final int runs;
    private final boolean quick;
    private final Duration warmUp;
    private final Duration measure;
    private final SteadyState rateSettles;
    private final SteadyState latencySettles;
    private final int sinkOrders;
    private final List<Figure> figures = new ArrayList<>();
    private final List<LatencyCurve> curves = new ArrayList<>();
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final Map<String, Double> peakMemory = new ConcurrentHashMap<>();

    private Benchmark(Path home, boolean quick, int runs, Duration warmUp, Duration measure, int sinkOrders) throws Exception {
        this.home = home;
        this.work = Files.createTempDirectory("chippy-bench-");
        this.quick = quick;
        this.runs = runs;
        // Warm-up ends when the system's own figure stops moving (its rate within 5% over three
        // windows, or its median latency within 10% or 3 ms over three) and the JVMs under load
        // have stopped compiling (under 2% of the last window each, on average); at most 60
        // windows, five minutes, since on two cores the JIT of seven JVMs was still at work after
        // 15 (decision 8). A quick run, a smoke test, stops after two windows whatever they say.
        this.rateSettles = quick ? new SteadyState(1, 0, 2, 2) : new SteadyState(0.05, 0, 3, WARM_UP_WINDOWS);
        this.latencySettles = quick ? new SteadyState(1, 0, 2, 2) : new SteadyState(0.10, 3, 3, WARM_UP_WINDOWS);
        this.warmUp = warmUp;
        this.measure = measure;
        this.sinkOrders = sinkOrders;
    }

    /**
     * {@code [--quick] [--only=intake,shop,sink,start] [--out=DIR]}, or {@code tail [settings]}
     * for {@link TransactionTail}. A full run writes to
     * {@code docs/benchmark}, where the README's figures come from; a quick or partial one to
     * {@code .chippy/benchmark}, so that it never replaces them by accident.
     */
    public static void main(String[] args) throws Exception {
        // Stopped by a signal (Ctrl-C), a run stops what it started: the brokers and services run
        // in sessions of their own, and would otherwise outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(Benchmark::stopChildren, "stop-what-the-benchmark-started"));
        Path home = Path.of(System.getProperty("chippy.home", ".")).toAbsolutePath().normalize();
        if (args.length > 0 && args[0].equals("tail")) {
            TransactionTail.run(home, List.of(args).subList(1, args.length));
            return;
        }
        boolean quick = false;
        Set<String> parts = new LinkedHashSet<>(PARTS);
        Path out = null;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--only=")) {
                parts = new LinkedHashSet<>(List.of(arg.substring("--only=".length()).split(",")));
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length())).toAbsolutePath();
            } else {
                parts = Set.of();
            }
            if (parts.isEmpty() || !PARTS.containsAll(parts)) {
                System.err.println("usage: ./chippy bench [--quick] [--only=" + String.join(",", PARTS) + "] [--out=DIR]"
                        + " | ./chippy bench tail [broker.X=Y] [producer.X=Y] [consumer.X=Y] [rates=250,500,1000]");
                System.exit(2);
            }
        }
        if (out == null) {
            out = quick || !parts.containsAll(PARTS) ? home.resolve(".chippy").resolve("benchmark")
                    : home.resolve("docs").resolve("benchmark");
        }
        Benchmark benchmark = quick
                ? new Benchmark(home, true, 1, Duration.ofSeconds(2), Duration.ofSeconds(5), 5_000)
                : new Benchmark(home, false, 3, Duration.ofSeconds(5), Duration.ofSeconds(10), 30_000);
        benchmark.run(out, parts);
        benchmark.removeWork();
    }

    /**
     * A full run's brokers and databases fill tens of gigabytes (25 and 37 GB in two runs of
     * 4 December; two such runs filled a disk). A run that ended well leaves none of it behind;
     * one that failed keeps it, with the services' logs, and said where at its start.
     */
    private void removeWork() throws IOException {
        FileSystemUtils.deleteRecursively(work);
        say("Removed " + work + " (the run's brokers, databases and logs)");
    }

    /** Asks every process this run started to stop, and kills those still there after 20 s. */
    private static void stopChildren() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        children.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (ProcessHandle child : children) {
            while (child.isAlive() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            child.destroyForcibly();
        }
    }

    private void run(Path out, Set<String> parts) throws Exception {
        Instant started = Instant.now();
        say("Chippy benchmark: " + runs + " run(s) of each figure (" + String.join(", ", parts) + "); work in " + work);
        if (quick) {
            say("A quick run is a smoke test: one short run, a short warm-up. Its figures are not comparable with a full run's.");
        }
        if (parts.contains("intake")) {
            restIntake();
        }
        if (parts.contains("shop")) {
            throughTheShop();
        }
        if (parts.contains("sink")) {
            recordKeeper();
        }
        if (parts.contains("start")) {
            startAndSize();
        }
        figure("The machine", "one core's speed at a fixed task (SHA-256 of 16 MB), before each run", "MB/s", "machine.speed",
                null, null);
        figure("The machine", "CPU time the hypervisor gave to others during each run (steal)", "%", "machine.steal", null, null);
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("date", LocalDate.now().toString());
        environment.put("cpus", Runtime.getRuntime().availableProcessors());
        environment.put("java", "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        environment.put("runs", runs);
        environment.put("mode", quick ? "quick" : "full");
        environment.put("minutes", Duration.between(started, Instant.now()).toSeconds() / 60.0);
        Report.write(out, environment, figures, curves);
        say("Written " + out.resolve("results.md") + ", results.json and latency.png");
        System.out.println();
        System.out.println(Files.readString(out.resolve("results.md")));
    }

    // 1. REST intake: the till against Spring MVC endpoints that do all of its work but Kafka, and none of it.

    /** An endpoint under load: where it answers, and the JVMs that compile while it warms up. */
    private record Endpoint(String key, String name, URI uri, List<Long> jvms) {
    }

    private void restIntake() throws Exception {
        say("[intake] REST intake: the till (with Kafka) against Spring MVC endpoints without Kafka, one checking the order, one bare");
        Processes processes = new Processes(home, work.resolve("intake"));
        KafkaBroker kafka = processes.kafka("kafka");
        Processes.Started till = processes.service("till-service", "till", List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers()));
        Shop.Service bare = processes.bareTill();
        // The till's broker compiles under the till's load as well.
        List<Endpoint> endpoints = List.of(
                new Endpoint("till", "till-service", URI.create(till.service().url("/orders")),
                        List.of(till.service().process().pid(), kafka.process().pid())),
                new Endpoint("checked", "the checking endpoint", URI.create(bare.url("/orders/checked")), List.of(bare.process().pid())),
                new Endpoint("bare", "the bare endpoint", URI.create(bare.url("/orders")), List.of(bare.process().pid())));
        try (HttpLoad load = new HttpLoad()) {
            // Each warmed up until its rate is steady, so that no run measures a JIT compiler at work.
            for (Endpoint warming : endpoints) {
                say("  warming up " + warming.name() + " in " + warmUp.toSeconds() + " s windows at saturation");
                SteadyState.Outcome outcome = rateSettles.await(window -> load.saturate(warming.uri(),
                        new Orders("warm-up")::next, CLIENTS, Duration.ofSeconds(1), warmUp).perSecond(), new JitActivity(warming.jvms()));
                say("  warm-up of " + warming.name() + " ended: " + outcome.describe("req/s"));
            }
            for (int run = 1; run <= runs; run++) {
                Optional<Machine.CpuTimes> began = machineBefore();
                Map<String, Double> saturated = new LinkedHashMap<>();
                for (Endpoint endpoint : endpoints) {
                    HttpLoad.Result result = load.saturate(endpoint.uri(), new Orders("intake-" + run)::next, CLIENTS, warmUp, measure);
                    saturated.put(endpoint.key(), result.perSecond());
                    record("intake." + endpoint.key(), result.perSecond());
                }
                say("  run " + run + ": till " + Figure.number(saturated.get("till")) + " req/s, checking endpoint "
                        + Figure.number(saturated.get("checked")) + " req/s, bare endpoint " + Figure.number(saturated.get("bare"))
                        + " req/s" + machineAfter(began));
                record("intake.ratio", 100 * saturated.get("till") / saturated.get("bare"));
                record("intake.ratio.checked", 100 * saturated.get("till") / saturated.get("checked"));
                for (double fraction : FRACTIONS) {
                    double rate = fraction * saturated.get("till");
                    String at = percent(fraction);
                    for (Endpoint endpoint : endpoints) {
                        HttpLoad.Result result = load.atRate(endpoint.uri(), new Orders("intake-" + run)::next, rate,
                                Duration.ofSeconds(2), measure);
                        record("intake." + endpoint.key() + ".p50." + at, result.latencies().percentile(50));
                        record("intake." + endpoint.key() + ".p99." + at, result.latencies().percentile(99));
                    }
                    record("intake.rate." + at, rate);
                }
            }
        } finally {
            bare.process().stop(Duration.ofSeconds(20));
            till.service().process().stop(Duration.ofSeconds(20));
            kafka.stop();
        }
        figure("REST intake", "till: POST /orders at saturation (" + CLIENTS + " clients)", "requests/s", "intake.till",
                "the endpoints below", null);
        figure("REST intake", "Spring MVC endpoint doing the till's work without Kafka (validate, make, number, write the event as JSON)",
                "requests/s", "intake.checked", null, null);
        figure("REST intake", "bare Spring MVC endpoint, 202 without Kafka", "requests/s", "intake.bare", null, null);
        figure("REST intake", "till as a share of the checking endpoint", "%", "intake.ratio.checked", null, "≥ 70%");
        figure("REST intake", "till as a share of the bare endpoint", "%", "intake.ratio", null, null);
        for (double fraction : FRACTIONS) {
            String at = percent(fraction);
            figure("REST intake", "till latency p50 / p99 at " + at + " of its rate (" + Figure.number(median("intake.rate." + at))
                    + " req/s): p50", "ms", "intake.till.p50." + at, null, null);
            figure("REST intake", "… p99", "ms", "intake.till.p99." + at, null, null);
            figure("REST intake", "checking endpoint at the same load: p50", "ms", "intake.checked.p50." + at, null, null);
            figure("REST intake", "… p99", "ms", "intake.checked.p99." + at, null, null);
            figure("REST intake", "bare endpoint at the same load: p50", "ms", "intake.bare.p50." + at, null, null);
            figure("REST intake", "… p99", "ms", "intake.bare.p99." + at, null, null);
        }
        curves.add(curve("till REST", "p99", "intake.till.p99.", "intake.rate."));
        curves.add(curve("checking endpoint", "p99", "intake.checked.p99.", "intake.rate."));
        curves.add(curve("bare endpoint", "p99", "intake.bare.p99.", "intake.rate."));
    }

    // 2. Through the shop: POST /orders to READY in PostgreSQL, against a plain Kafka chain.

    private void throughTheShop() throws Exception {
        say("[shop] Through the shop: POST /orders to READY in PostgreSQL, against a plain Kafka chain");
        // Two preparers, as every published run was measured (the quiet shop now has three).
        RunOptions options = RunOptions.parse("quiet", "--speed=0", "--preparers=2", "--kafka-port=" + Ports.free(0),
                "--postgres-port=" + Ports.free(0));
        try (Shop shop = Shop.open(options, ShopPorts.free(), home, work.resolve("shop"), message -> say("  " + message),
                ServiceJvm.MEASURED)) {
            Database database = new Database(shop.postgresUrl());
            URI orders = URI.create(shop.service("till-service").url("/orders"));
            ScheduledExecutorService memory = watchMemory(shop);
            try (HttpLoad load = new HttpLoad()) {
                // Until placed → ready stops moving at a modest rate: the services' JIT, the
                // connection pools and the consumer groups have all settled by then.
                say("  warming up: " + WARM_UP_RATE + " orders/s in " + warmUp.toSeconds() + " s windows, until placed → ready is steady");
                List<Long> jvms = new ArrayList<>(shop.services().stream().map(service -> service.process().pid()).toList());
                shop.kafka().brokers().forEach(broker -> jvms.add(broker.process().pid()));
                SteadyState.Outcome outcome = latencySettles.await(window -> {
                    String warmUpTill = "warm-up-" + window;
                    load.atRate(orders, new Orders(warmUpTill)::next, WARM_UP_RATE, Duration.ZERO, warmUp);
                    awaitDrained(database, warmUpTill);
                    try {
                        return database.latencies(warmUpTill)[0];
                    } catch (SQLException e) {
                        throw new IllegalStateException("could not read the warm-up's latencies", e);
                    }
                }, new JitActivity(jvms));
                say("  warm-up ended: p50 " + outcome.describe("ms"));
                for (int run = 1; run <= runs; run++) {
                    String till = "flow-" + run;
                    Optional<Machine.CpuTimes> began = machineBefore();
                    // Every run searches from the same rate, the warm-up's, so that no run leans on another.
                    double sustained = sustainedRate(load, orders, database, till, WARM_UP_RATE);
                    requireRunning(shop);
                    record("shop.sustained", sustained);
                    say("  run " + run + ": the shop keeps up with " + Figure.number(sustained) + " orders/s from POST to READY"
                            + machineAfter(began));
                    for (double fraction : FRACTIONS) {
                        String at = percent(fraction);
                        String fractionTill = till + "-" + (int) (fraction * 100);
                        load.atRate(orders, new Orders(fractionTill)::next, fraction * sustained, Duration.ofSeconds(2), measure);
                        awaitDrained(database, fractionTill);
                        double[] latency = database.latencies(fractionTill);
                        record("shop.rate." + at, fraction * sustained);
                        record("shop.p50." + at, latency[0]);
                        record("shop.p95." + at, latency[1]);
                        record("shop.p99." + at, latency[2]);
                        // Plaice goes round the cook: two more hops, each a Kafka transaction.
                        record("shop.p99.plain." + at, database.latencies(fractionTill, false)[2]);
                        record("shop.p99.plaice." + at, database.latencies(fractionTill, true)[2]);
                    }
                }
            } finally {
                memory.shutdownNow();
            }
            List<Long> broker = shop.kafka().brokers().stream().map(kafka -> kafka.process().pid()).toList();
            chain(broker, "chain", false, shop.kafka().bootstrapServers());
            chain(broker, "txchain", true, shop.kafka().bootstrapServers());
        }
        figure("Through the shop", "orders from POST /orders to READY stored in PostgreSQL, sustained (open loop)", "orders/s",
                "shop.sustained", "plain Kafka chain below", "≥ 5,000");
        figure("Through the shop", "plain Kafka chain: producer → consumer → producer → consumer", "messages/s",
                "chain.sustained", null, null);
        figure("Through the shop", "the same chain with its relay in Kafka transactions, one per poll (as the kitchen)",
                "messages/s", "txchain.sustained", null, null);
        values.put("shop.share", List.of(100 * median("shop.sustained") / median("chain.sustained")));
        figure("Through the shop", "the shop as a share of the chain", "%", "shop.share", null, "≥ 25%");
        values.put("shop.txshare", List.of(100 * median("shop.sustained") / median("txchain.sustained")));
        figure("Through the shop", "the shop as a share of the chain with transactions", "%", "shop.txshare", null, null);
        for (double fraction : FRACTIONS) {
            String at = percent(fraction);
            String rate = Figure.number(median("shop.rate." + at));
            figure("Through the shop", "placed → ready at " + at + " (" + rate + " orders/s): p50", "ms", "shop.p50." + at, null, null);
            figure("Through the shop", "… p95", "ms", "shop.p95." + at, null, null);
            figure("Through the shop", "… p99", "ms", "shop.p99." + at, null, fraction == 0.5 ? "≤ 50 ms" : null);
            figure("Through the shop", "… p99 of orders without plaice", "ms", "shop.p99.plain." + at, null, null);
            figure("Through the shop", "… p99 of orders with plaice (round the cook)", "ms", "shop.p99.plaice." + at, null, null);
            figure("Through the shop", "plain Kafka chain at the same load: p50", "ms", "chain.p50." + at, null, null);
            figure("Through the shop", "… p99", "ms", "chain.p99." + at, null, null);
            figure("Through the shop", "the chain with transactions at the same load: p50", "ms", "txchain.p50." + at, null, null);
            figure("Through the shop", "… p99", "ms", "txchain.p99." + at, null, null);
        }
        curves.add(curve("shop (placed → ready)", "p50", "shop.p50.", "shop.rate."));
        curves.add(curve("shop (placed → ready)", "p99", "shop.p99.", "shop.rate."));
        curves.add(curve("plain Kafka chain", "p99", "chain.p99.", "shop.rate."));
        curves.add(curve("transactional chain", "p99", "txchain.p99.", "shop.rate."));
    }

    /**
     * The baseline chain at saturation, then at the shop's rates; figures under {@code key}. It
     * is warmed up as the shop was: its clients run in this JVM, and they and the broker compile
     * as the services do (a cold first run measured a fifth of the next two).
     */
    private void chain(List<Long> broker, String key, boolean transactional, String bootstrap) throws Exception {
        try (KafkaChain chain = new KafkaChain(bootstrap, transactional)) {
            List<Long> jvms = new ArrayList<>(broker);
            jvms.add(ProcessHandle.current().pid());
            say("  warming up the chain" + (transactional ? " with transactions" : "") + " in " + warmUp.toSeconds()
                    + " s windows at saturation");
            SteadyState.Outcome outcome = rateSettles.await(window -> chain.saturate(ORDER_BYTES, Duration.ZERO, warmUp).perSecond(),
                    new JitActivity(jvms));
            say("  warm-up of the chain ended: " + outcome.describe("messages/s"));
            for (int run = 1; run <= runs; run++) {
                KafkaChain.Result saturated = chain.saturate(ORDER_BYTES, warmUp, measure);
                record(key + ".sustained", saturated.perSecond());
                say("  run " + run + ": plain Kafka chain" + (transactional ? " with transactions " : " ")
                        + Figure.number(saturated.perSecond()) + " messages/s");
                for (double fraction : FRACTIONS) {
                    String at = percent(fraction);
                    KafkaChain.Result paced = chain.atRate(ORDER_BYTES, median("shop.rate." + at), Duration.ofSeconds(2), measure);
                    record(key + ".p50." + at, paced.latencies().percentile(50));
                    record(key + ".p95." + at, paced.latencies().percentile(95));
                    record(key + ".p99." + at, paced.latencies().percentile(99));
                }
            }
        }
    }

    /**
     * The highest offered rate the shop keeps up with ({@link RateSearch}). Each trial offers a
     * fixed rate, open loop (whatever the answers), and the shop keeps up when none fails, the
     * till has answered the last order within a second of the offering stopping, and then
     * less than a second's worth of the accepted orders is not yet READY in PostgreSQL. Each
     * rate's verdict takes two trials at least, so a search is 15 to 20 trials of 12 s.
     */
    private double sustainedRate(HttpLoad load, URI orders, Database database, String till, double start) {
        int[] trial = {0};
        return new RateSearch(24).highestKeptUp(start, rate -> {
            String trialTill = till + "-" + ++trial[0];
            HttpLoad.Result offered = load.atRate(orders, new Orders(trialTill)::next, rate, Duration.ofSeconds(2), measure);
            long backlog = offered.accepted() - database.count(
                    "select count(*) from orders where till_id = ? and status = 'READY'", trialTill);
            boolean keepsUp = offered.failed() == 0 && offered.lateBy().compareTo(Duration.ofSeconds(1)) < 0 && backlog < rate;
            say("    " + Figure.number(rate) + " orders/s offered: " + (keepsUp ? "keeps up" : "falls behind") + " (last answer "
                    + offered.lateBy().toMillis() + " ms after the offering stopped, then " + backlog + " not READY; "
                    + offered.failed() + " failed)");
            awaitDrained(database, trialTill);
            return keepsUp;
        });
    }

    /**
     * Fails the run when a service has stopped: its figures would measure a shop without it (a
     * till out of heap answers 503 to everything, quickly). The failed run keeps its work
     * directory, with the service's log.
     */
    private static void requireRunning(Shop shop) {
        shop.services().stream().filter(service -> !service.process().isAlive()).findFirst().ifPresent(stopped -> {
            throw new IllegalStateException(stopped.name() + " stopped during the search (exit code "
                    + stopped.process().process().exitValue() + "); its log is " + stopped.process().log());
        });
    }

    private ScheduledExecutorService watchMemory(Shop shop) {
        ScheduledExecutorService memory = Executors.newSingleThreadScheduledExecutor();
        memory.scheduleAtFixedRate(() -> shop.services().forEach(service -> peakMemory.merge(module(service.name()),
                Processes.residentMegabytes(service.process().pid()), Math::max)), 1, 1, TimeUnit.SECONDS);
        return memory;
    }

    private void awaitDrained(Database database, String till) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline
                && database.count("select count(*) from orders where till_id = ? and status <> 'READY'", till) != 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        // And until the till's orders stop arriving at the record keeper.
        long last = -1;
        long now;
        while ((now = database.count("select count(*) from orders where till_id = ?", till)) != last) {
            last = now;
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
    }

    // 3. The record keeper against plain JDBC batch inserts and COPY of the same rows.

    private void recordKeeper() throws Exception {
        say("[sink] The record keeper: " + Figure.number(sinkOrders) + " orders' lives from Kafka into PostgreSQL, against plain JDBC and COPY");
        Path migration = home.resolve("order-sink-service/src/main/resources/db/migration/V1__orders_and_their_history.sql");
        for (int run = 1; run <= runs; run++) {
            Processes processes = new Processes(home, work.resolve("sink-" + run));
            KafkaBroker kafka = processes.kafka("kafka");
            Postgres postgres = processes.postgres("postgres");
            Processes.Started sink = null;
            Optional<Machine.CpuTimes> began = machineBefore();
            try {
                SinkLoad load = new SinkLoad(sinkOrders);
                load.publish(kafka.bootstrapServers());
                Database database = new Database(postgres.jdbcUrl() + "?reWriteBatchedInserts=true");
                sink = processes.service("order-sink-service", "record-keeper", List.of(
                        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "--spring.datasource.url=" + postgres.jdbcUrl()));
                double rowsPerSecond = timeUntilStored(database, load.rows());
                record("sink.rows", rowsPerSecond);
                record("sink.orders", rowsPerSecond * sinkOrders / load.rows());
                sink.service().process().stop(Duration.ofSeconds(20));
                sink = null;
                double jdbc = load.insertWithJdbc(database, migration, 500);
                double copy = load.insertWithCopy(database, migration, 500);
                record("sink.jdbc", jdbc);
                record("sink.share", 100 * rowsPerSecond / jdbc);
                record("sink.copy", copy);
                record("sink.share.copy", 100 * rowsPerSecond / copy);
                say("  run " + run + ": record keeper " + Figure.number(rowsPerSecond) + " rows/s, plain JDBC "
                        + Figure.number(jdbc) + " rows/s, COPY " + Figure.number(copy) + " rows/s" + machineAfter(began));
            } finally {
                if (sink != null) {
                    sink.service().process().stop(Duration.ofSeconds(20));
                }
                kafka.stop();
                postgres.stop();
            }
        }
        figure("The record keeper", "rows stored from Kafka (orders, lines, status changes, with positions)", "rows/s",
                "sink.rows", "plain JDBC below", null);
        figure("The record keeper", "… the same, as orders' whole lives (order, lines, every status change)", "orders/s",
                "sink.orders", null, null);
        figure("The record keeper", "plain JDBC batch inserts of the same rows", "rows/s", "sink.jdbc", null, null);
        figure("The record keeper", "the record keeper as a share of plain JDBC", "%", "sink.share", null, "≥ 50%");
        figure("The record keeper", "COPY of the same rows (PostgreSQL's bulk load, no duplicates skipped)", "rows/s", "sink.copy", null, null);
        figure("The record keeper", "the record keeper as a share of COPY", "%", "sink.share.copy", null, null);
    }

    /** Rows per second from the first row stored to the last. */
    private static double timeUntilStored(Database database, long rows) {
        String count = "select (select count(*) from orders) + (select count(*) from order_lines) + (select count(*) from status_changes)";
        long first = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        long stored;
        while ((stored = database.count(count)) < rows && System.nanoTime() < deadline) {
            if (first == 0 && stored > 0) {
                first = System.nanoTime();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        if (stored < rows) {
            throw new IllegalStateException("the record keeper stored " + stored + " of " + rows + " rows");
        }
        return rows / ((System.nanoTime() - first) / 1e9);
    }

    // 4. Start-up and memory.

    private void startAndSize() throws Exception {
        say("[start] Start-up time and memory of each service, alone, without and with the archive of its classes that ./chippy run makes (an AOT cache on JDK 25, else a class-data-sharing archive)");
        List<String> modules = List.of("till-service", "preparer-service", "cook-service", "order-sink-service");
        Path archives = Files.createDirectories(work.resolve("archives"));
        for (int run = 0; run <= runs; run++) {
            Processes processes = new Processes(home, work.resolve("start-" + run));
            KafkaBroker kafka = processes.kafka("kafka");
            Postgres postgres = processes.postgres("postgres");
            try {
                for (String module : modules) {
                    List<String> arguments = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers()));
                    if (module.equals("order-sink-service")) {
                        arguments.add("--spring.datasource.url=" + postgres.jdbcUrl());
                    }
                    Path archive = archives.resolve(ServiceLaunch.archiveName(module));
                    if (run == 0) {
                        // A training launch writes the archive as it stops, as ./chippy run's first run does.
                        processes.service(module, module, arguments, archive, true).service().process().stop(Duration.ofSeconds(20));
                        continue;
                    }
                    Processes.Started plain = processes.service(module, module, arguments, null, false);
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5));
                    record("start." + module, plain.secondsToReady());
                    record("rest." + module, Processes.residentMegabytes(plain.service().process().pid()));
                    plain.service().process().stop(Duration.ofSeconds(20));
                    Processes.Started shared = processes.service(module, module, arguments, archive, false);
                    record("start.cds." + module, shared.secondsToReady());
                    shared.service().process().stop(Duration.ofSeconds(20));
                }
                if (run > 0) {
                    say("  run " + run + ": " + modules.stream().map(module -> module + " " + Figure.number(last("start." + module))
                            + " s (" + Figure.number(last("start.cds." + module)) + " s with the archive)")
                            .collect(Collectors.joining(", ")));
                }
            } finally {
                kafka.stop();
                postgres.stop();
            }
        }
        for (String module : modules) {
            figure("Start and size", module + ": launch to ready", "s", "start." + module, null, "≤ 2 s on JDK 25");
            figure("Start and size", "… with the archive of its classes (as ./chippy run launches it; an AOT cache on JDK 25)", "s", "start.cds." + module,
                    null, "≤ 2 s on JDK 25");
            figure("Start and size", module + ": resident memory at rest", "MB", "rest." + module, null, null);
            values.put("load." + module, List.of(peakMemory.getOrDefault(module, Double.NaN)));
            figure("Start and size", module + ": resident memory under load (peak)", "MB", "load." + module, null, "≤ 256 MB");
        }
    }

    /** Notes the machine's speed before a run, and returns its CPU counters to compare with after it. */
    private Optional<Machine.CpuTimes> machineBefore() {
        record("machine.speed", Machine.speed());
        return Machine.cpuTimes();
    }

    /** Notes the CPU time stolen during the run, and says both readings: " (machine 512 MB/s, 0.4% stolen)". */
    private String machineAfter(Optional<Machine.CpuTimes> began) {
        String stolen = began.flatMap(before -> Machine.cpuTimes().map(after -> after.stealPercentSince(before))).map(steal -> {
            record("machine.steal", steal);
            return ", " + Figure.number(steal) + "% stolen";
        }).orElse("");
        return " (machine " + Figure.number(last("machine.speed")) + " MB/s" + stolen + ")";
    }

    private double last(String key) {
        List<Double> all = values.getOrDefault(key, List.of());
        return all.isEmpty() ? Double.NaN : all.get(all.size() - 1);
    }

    private static String module(String service) {
        if (service.startsWith("preparer-")) {
            return "preparer-service";
        }
        return service.startsWith("cook-") ? "cook-service" : service;
    }

    private void record(String key, double value) {
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private double median(String key) {
        return new Figure("", key, "", values.getOrDefault(key, List.of()), null, null).median();
    }

    private void figure(String group, String name, String unit, String key, String baseline, String target) {
        figures.add(new Figure(group, name, unit, values.getOrDefault(key, List.of()), baseline, target));
    }

    private LatencyCurve curve(String system, String percentile, String latencyKey, String rateKey) {
        List<LatencyCurve.Point> points = new ArrayList<>();
        for (double fraction : FRACTIONS) {
            String at = percent(fraction);
            points.add(new LatencyCurve.Point(median(rateKey + at), median(latencyKey + at)));
        }
        return new LatencyCurve(system, percentile, points);
    }

    private static String percent(double fraction) {
        return (int) Math.round(fraction * 100) + "%";
    }

    private static void say(String message) {
        System.out.println(LocalTime.now().withNano(0) + " " + message);
    }
}
