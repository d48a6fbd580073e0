package dev.chippy.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.chippy.port.Ports;

/**
 * {@code ./chippy run [scenario]}: opens the whole shop on this machine and keeps it open
 * until Ctrl-C (or SIGTERM), then closes it, leaving no process behind.
 */
public final class ShopRunner {

    /** Set once the shop is being closed: processes stopping are then expected, not news. */
    private static volatile boolean closing;
    /** The pids of the processes being watched. */
    private static final Set<Long> WATCHED = ConcurrentHashMap.newKeySet();

    private ShopRunner() {
    }

    public static void main(String[] args) {
        // Logging set up before any thread logs, so nothing is queued and replayed with a warning.
        org.slf4j.LoggerFactory.getILoggerFactory();
        RunOptions options;
        try {
            options = RunOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("chippy: " + e.getMessage());
            System.err.println("Try ./chippy run --help");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(RunOptions.usage());
            return;
        }
        Path home = Path.of(System.getProperty("chippy.home", ".")).toAbsolutePath().normalize();
        Path chippy = home.resolve(".chippy");
        Optional<RunLock> acquired = RunLock.acquire(chippy);
        if (acquired.isEmpty()) {
            System.err.println("Chippy is already running here (" + RunLock.holder(chippy)
                    + "). Close that shop first: Ctrl-C in its terminal.");
            System.exit(1);
            return;
        }
        RunLock lock = acquired.get();
        stopLeftovers(lock);
        ShopPorts ports = ShopPorts.contract();
        refuseBusyPorts(options, ports);

        Path runDir = chippy.resolve("run");
        if (!options.keepData()) {
            deleteData(runDir);
        }
        System.out.println("Opening Chippy: " + options.scenario().description());
        Shop shop;
        try {
            shop = Shop.open(options, ports, home, runDir, message -> System.out.println("  " + message));
        } catch (RuntimeException e) {
            System.err.println("chippy: the shop could not open: " + e.getMessage());
            lock.close();
            System.exit(1);
            return;
        }
        lock.record(shop.pids());
        // A fault from the panel starts a process anew: the lock keeps its new pid, and it is watched too.
        shop.onProcessesChanged(() -> {
            lock.record(shop.pids());
            watchNew(shop);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closing = true;
            System.out.println("\nClosing the shop ...");
            shop.close();
            lock.close();
            System.out.println("Closed. Logs are in " + runDir.resolve("logs"));
        }, "closing-the-shop"));

        // From the JVM's start, not the process's: ./chippy execs the runner in the process that
        // may have just built the jars, and the build is not the shop's start-up.
        Duration ready = Duration.between(Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()), Instant.now());
        System.out.println(Banner.of(options, shop, runDir, ready));
        watch(shop);
    }

    /** Says so when a process of the shop stops by itself; the rest carry on. */
    private static void watch(Shop shop) {
        watchNew(shop);
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Watches each process of the shop not watched yet. */
    private static synchronized void watchNew(Shop shop) {
        List<ChildProcess> processes = new ArrayList<>();
        if (shop.kafka() != null) {
            processes.addAll(shop.kafka().processes());
        }
        shop.services().forEach(service -> processes.add(service.process()));
        for (ChildProcess process : processes) {
            if (!WATCHED.add(process.pid())) {
                continue;
            }
            Thread watcher = new Thread(() -> {
                try {
                    int exit = process.process().waitFor();
                    if (closing || shop.faults().stoppedOnPurpose(process)) {
                        return;
                    }
                    System.err.println("\n" + process.name() + " stopped (exit " + exit + "); the end of its log, "
                            + process.log() + ":\n" + process.tail(15));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "watching-" + process.name());
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private static void stopLeftovers(RunLock lock) {
        List<ProcessHandle> leftovers = lock.leftBehind();
        if (leftovers.isEmpty()) {
            return;
        }
        System.out.println("Stopping " + leftovers.size() + " processes an earlier run left behind (pids "
                + leftovers.stream().map(p -> String.valueOf(p.pid())).toList() + ") ...");
        leftovers.forEach(ProcessHandle::destroy);
        leftovers.forEach(process -> process.onExit().orTimeout(30, TimeUnit.SECONDS)
                .exceptionally(timeout -> {
                    process.destroyForcibly();
                    return process;
                }).join());
    }

    private static void refuseBusyPorts(RunOptions options, ShopPorts shopPorts) {
        List<Integer> ports = new ArrayList<>(shopPorts.all(options.preparers()));
        if (options.runsKafka()) {
            ports.add(options.kafkaPort());
        }
        if (options.runsPostgres()) {
            ports.add(options.postgresPort());
        }
        int busy = Ports.firstInUse(ports);
        if (busy > 0) {
            String hint = busy == options.kafkaPort() ? " (is another Kafka running? --kafka-port=... or --kafka=HOST:PORT)"
                    : busy == options.postgresPort() ? " (is another PostgreSQL running? --postgres-port=... or --postgres=JDBC-URL)"
                    : " (the services answer on " + shopPorts.all(options.preparers()) + ")";
            System.err.println("chippy: port " + busy + " is in use" + hint);
            System.exit(1);
        }
    }

    /** A run starts with empty topics and tables, as the talk's demos did. */
    private static void deleteData(Path runDir) {
        for (String data : List.of("kafka", "postgres")) {
            Path dir = runDir.resolve(data);
            if (!Files.exists(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
