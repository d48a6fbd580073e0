package dev.chippy.runner.fault;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.chippy.runner.ChildProcess;
import dev.chippy.runner.KafkaBroker;
import dev.chippy.runner.Shop;
import dev.chippy.topic.ShopTopic;

/**
 * The faults a shop opened by the runner can be put through: the fault panel's buttons and
 * the fault tests call the same methods, so what the panel shows is what the tests prove.
 * Each is a real fault done to a real process: {@code kill -9} by pid, a broker killed and
 * started again on its own data, PostgreSQL stopped, an unreadable record in a topic, a
 * process frozen with {@code SIGSTOP} most of each second.
 *
 * <p>Everything done is told, with when, to {@link #happenings()} (the panel's log) and to
 * {@code news} (the runner's terminal, a test's output).
 */
public final class ShopFaults implements Faults {

    /** How long PostgreSQL stays away when stopped from the panel. */
    public static final Duration POSTGRES_OUTAGE = Duration.ofSeconds(30);
    /** How long the cook is slowed down for, and how much of each second it is frozen. */
    public static final Duration SLOW_COOK = Duration.ofSeconds(30);
    private static final Duration FROZEN_PER_SECOND = Duration.ofMillis(750);
    private static final int HAPPENINGS_KEPT = 30;
    private static final String TILL_SERVICE = "till-service";
    private static final List<String> PLACES = List.of("till", "preparer", "cook", "analyst", "order-sink");
    /** The services as an order meets them (till, preparers by number, cook, analyst, record keeper), whichever was restarted last. */
    private static final Comparator<String> BY_PLACE_IN_THE_SHOP = Comparator
            .comparingInt((String name) -> PLACES.indexOf(PLACES.stream().filter(name::startsWith).findFirst().orElse("")))
            .thenComparingInt(name -> name.matches(".*-[0-9]+") ? Integer.parseInt(name.replaceAll(".*-", "")) : 0)
            .thenComparing(Comparator.naturalOrder());

    private final Shop shop;
    private final Consumer<String> news;
    private final Runnable processesChanged;
    private final Clock clock;
    private final Deque<Happening> happenings = new ArrayDeque<>();
    /** Processes a fault stopped on purpose: their exit is not news. */
    private final Set<Long> stoppedOnPurpose = ConcurrentHashMap.newKeySet();

    /**
     * @param processesChanged called when a fault has started a process anew (its pid changed)
     */
    public ShopFaults(Shop shop, Consumer<String> news, Runnable processesChanged, Clock clock) {
        this.shop = shop;
        this.news = news;
        this.processesChanged = processesChanged;
        this.clock = clock;
    }

    /** The faults this shop can be put through: a broker and PostgreSQL only when the runner runs them. */
    @Override
    public List<Fault> available() {
        List<Fault> faults = new ArrayList<>();
        shop.services().stream().map(Shop.Service::name).sorted(BY_PLACE_IN_THE_SHOP)
                .forEach(service -> faults.add(new Fault("kill/" + service, "kill -9 " + service,
                        "killed by its pid, no shutdown of any kind, then started again")));
        if (shop.kafka() != null) {
            faults.add(new Fault("broker", shop.kafka().size() == 1 ? "kill -9 the broker" : "kill -9 a broker",
                    (shop.kafka().size() == 1 ? "the only broker" : "the broker leading most order partitions")
                            + " is killed, then started again on its own data"));
        }
        if (shop.postgresUrl() != null) {
            faults.add(new Fault("postgres", "stop PostgreSQL for " + POSTGRES_OUTAGE.toSeconds() + " s",
                    "stopped, then started again on its own data; the record keeper waits and catches up"));
        }
        faults.add(new Fault("poison", "send a poison message", "an unreadable record on " + ShopTopic.ORDERS.topicName()
                + ": a preparer sends it to the dead-letter topic, says the order is REJECTED, and moves on"));
        if (shop.services().stream().anyMatch(service -> service.name().startsWith("cook-"))) {
            faults.add(new Fault("slow-cook", "slow the cook down for " + SLOW_COOK.toSeconds() + " s",
                    "frozen (SIGSTOP) " + FROZEN_PER_SECOND.toMillis() + " ms of every second: a quarter of its speed"));
        }
        return faults;
    }

    @Override
    public void cause(String id) {
        if (id.startsWith("kill/")) {
            killAndRestart(id.substring("kill/".length()));
            return;
        }
        switch (id) {
            case "broker" -> killAndRestartBroker();
            case "postgres" -> stopPostgres(POSTGRES_OUTAGE);
            case "poison" -> sendPoison();
            case "slow-cook" -> slowDown(shop.services().stream().map(Shop.Service::name)
                    .filter(name -> name.startsWith("cook-")).findFirst().orElseThrow(), SLOW_COOK);
            default -> throw new IllegalArgumentException("no such fault: " + id);
        }
    }

    /**
     * Kills a service with {@code kill -9} and starts it again; returns how long it took to be
     * ready again. The till service's simulated tills (the shop's customers, which live in it)
     * are opened again as they were: how many, how fast, whether they were open.
     */
    public Duration killAndRestart(String service) {
        ChildProcess process = shop.service(service).process();
        String customers = service.equals(TILL_SERVICE) ? shop.simulation() : null;
        stoppedOnPurpose.add(process.pid());
        shop.kill(service);
        tell("killed " + service + " (kill -9, pid " + process.pid() + ")");
        Instant killed = clock.instant();
        Shop.Service again = shop.restart(service);
        processesChanged.run();
        Duration took = Duration.between(killed, clock.instant());
        tell(service + " started again (pid " + again.process().pid() + "), ready after " + seconds(took));
        if (customers != null) {
            shop.resumeSimulation(customers);
        }
        return took;
    }

    /**
     * Kills a broker with {@code kill -9} (with several, the one leading most order partitions)
     * and starts it again on its own data; returns the broker.
     */
    public KafkaBroker killAndRestartBroker() {
        KafkaBroker broker = shop.kafka().size() == 1 ? shop.kafka().brokers().get(0)
                : shop.kafka().leaderOfMost(ShopTopic.ORDERS.topicName());
        stoppedOnPurpose.add(broker.process().pid());
        broker.kill();
        tell("killed broker " + broker.nodeId() + " (kill -9)");
        Instant killed = clock.instant();
        broker.start();
        shop.kafka().awaitReady();
        processesChanged.run();
        tell("broker " + broker.nodeId() + " started again, ready after " + seconds(Duration.between(killed, clock.instant())));
        return broker;
    }

    /** Stops PostgreSQL, waits {@code outage}, and starts it again on the same data and port. */
    public void stopPostgres(Duration outage) {
        shop.stopPostgres();
        tell("stopped PostgreSQL for " + outage.toSeconds() + " s");
        pause(outage);
        shop.startPostgres();
        processesChanged.run();
        tell("PostgreSQL started again");
    }

    /**
     * Writes a record no service can read to the orders topic, keyed by a new order id; returns
     * the id. The preparer that gets it sends it to the dead-letter topic and says the order
     * was REJECTED, so it shows on the board, with why.
     */
    public UUID sendPoison() {
        Map<String, Object> config = new HashMap<>(shop.kafkaProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, shop.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "chippy-fault-panel");
        UUID key = UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(ShopTopic.ORDERS.topicName(), key.toString(),
                    "this is not an order".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the poison message was not written: " + e.getMessage(), e);
        }
        tell("sent a poison message to " + ShopTopic.ORDERS.topicName() + " (key " + key + ")");
        return key;
    }

    /** Freezes a service ({@code SIGSTOP}) for most of each second, for {@code during}. */
    public void slowDown(String service, Duration during) {
        tell("slowing " + service + " down for " + during.toSeconds() + " s (frozen " + FROZEN_PER_SECOND.toMillis()
                + " ms of every second)");
        Instant until = clock.instant().plus(during);
        while (clock.instant().isBefore(until)) {
            ChildProcess process = shop.service(service).process();
            if (!process.isAlive()) {
                tell(service + " stopped while slowed down");
                return;
            }
            process.pause();
            try {
                pause(FROZEN_PER_SECOND);
            } finally {
                process.resume();
            }
            pause(Duration.ofSeconds(1).minus(FROZEN_PER_SECOND));
        }
        tell(service + " is back to full speed");
    }

    /** True when this process was stopped by a fault, on purpose. */
    public boolean stoppedOnPurpose(ChildProcess process) {
        return stoppedOnPurpose.contains(process.pid());
    }

    @Override
    public List<Happening> happenings() {
        synchronized (happenings) {
            return List.copyOf(happenings);
        }
    }

    /** Tells the panel's log, and the runner's output, what a fault did. */
    @Override
    public void tell(String text) {
        synchronized (happenings) {
            happenings.addFirst(new Happening(clock.instant(), text));
            while (happenings.size() > HAPPENINGS_KEPT) {
                happenings.removeLast();
            }
        }
        news.accept(text);
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
