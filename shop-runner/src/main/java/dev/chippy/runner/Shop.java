package dev.chippy.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import tools.jackson.databind.node.ObjectNode;

import dev.chippy.event.ShopJson;
import dev.chippy.runner.fault.FaultPanel;
import dev.chippy.runner.fault.Proof;
import dev.chippy.runner.fault.ShopFaults;

/**
 * The whole shop as deployed: Kafka, PostgreSQL, and every service from its packaged jar
 * in a JVM of its own, on the ports of the contract. Closing it stops the services
 * gracefully first, then Kafka, then PostgreSQL.
 */
public final class Shop implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    /** Where the services, and the runner's fault panel, find the admin token (they inherit the runner's environment). */
    public static final String ADMIN_TOKEN_VARIABLE = "CHIPPY_SECURITY_ADMIN_TOKEN";

    /** An order not READY this long after the till accepted it counts as lost on the proof panel. */
    public static final Duration LOST_AFTER = Duration.ofMinutes(2);

    private final KafkaCluster kafka;
    private volatile CompletableFuture<Postgres> postgres;
    private ShopFaults faults;
    /**
     * Whether the shop has the fault panel: not when it is measured, nor with
     * {@code --kafka-certificates} (the proof's readers would need the services' TLS set-up,
     * which the runner does not make).
     */
    private boolean withFaultPanel;
    private Proof proof;
    private FaultPanel panel;
    private volatile Runnable processesChanged = () -> { };
    private final List<Service> services = new CopyOnWriteArrayList<>();
    /** Each service's own arguments, to start it again the same way. */
    private final Map<String, List<String>> ownArguments = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> ownSecretsOf = new ConcurrentHashMap<>();
    private RunOptions options;
    private ShopPorts ports;
    private Path home;
    private Path logs;
    private Map<String, CompletableFuture<Path>> unpacking;
    private ServiceJvm serviceJvm = ServiceJvm.DEMO;
    private List<String> common;
    private Map<String, String> secrets = Map.of();

    /** A running service and the port it answers on. */
    public record Service(String name, int port, ChildProcess process) {
        public String url(String path) {
            return "http://localhost:" + port + path;
        }
    }

    private Shop(KafkaCluster kafka, CompletableFuture<Postgres> postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /** Starts everything the options ask for, reporting progress; returns once every service is ready. */
    public static Shop open(RunOptions options, ShopPorts ports, Path home, Path runDir, Consumer<String> progress) {
        return open(options, ports, home, runDir, progress, ServiceJvm.DEMO, KafkaBroker.QUICK_JVM, true);
    }

    /**
     * Opens the shop to be measured: with the services' JVM options given, its Kafka on the
     * JVM's defaults, as a broker under load runs, and no fault panel (its proof reads every
     * order and status beside the shop, which would be measured too).
     */
    public static Shop open(RunOptions options, ShopPorts ports, Path home, Path runDir, Consumer<String> progress,
                            ServiceJvm serviceJvm) {
        return open(options, ports, home, runDir, progress, serviceJvm, List.of(), false);
    }

    private static Shop open(RunOptions options, ShopPorts ports, Path home, Path runDir, Consumer<String> progress,
                             ServiceJvm serviceJvm, List<String> kafkaJvm, boolean faultPanel) {
        Path logs = runDir.resolve("logs");
        // Everything starts at once, each part as soon as what it needs is there: the jars are
        // unpacked (once per build), Kafka and PostgreSQL start, each service is launched when
        // its jar is unpacked, the record keeper also waits for PostgreSQL. Services wait for
        // Kafka themselves at start-up: they take longer to get there than the broker does.
        Path apps = home.resolve(".chippy").resolve("apps");
        Map<String, CompletableFuture<Path>> unpacking = new LinkedHashMap<>();
        for (String module : List.of("order-sink-service", "till-service", "preparer-service", "cook-service", "analyst-service")) {
            unpacking.put(module, CompletableFuture.supplyAsync(() -> ServiceLaunch.unpacked(ChippyJars.of(home, module), apps, module)));
        }
        KafkaCluster kafka = null;
        if (options.runsKafka()) {
            progress.accept(options.brokers() == 1 ? "Starting Kafka (KRaft) on localhost:" + options.kafkaPort() + " ..."
                    : "Starting a Kafka cluster of " + options.brokers() + " brokers (KRaft) from localhost:" + options.kafkaPort() + " ...");
            kafka = KafkaCluster.launch(options.brokers(), runDir.resolve("kafka"), logs, libraries(home), options.kafkaPort(), kafkaJvm);
        }
        CompletableFuture<Postgres> postgres = CompletableFuture.supplyAsync(() -> {
            if (!options.runsPostgres()) {
                return null;
            }
            progress.accept("Starting PostgreSQL on localhost:" + options.postgresPort() + " ...");
            return Postgres.start(runDir.resolve("postgres"), options.postgresPort());
        });
        Shop shop = new Shop(kafka, postgres);
        shop.unpacking = unpacking;
        shop.serviceJvm = serviceJvm;
        shop.withFaultPanel = faultPanel && options.kafkaCertificates() == null;
        try {
            KafkaCluster cluster = kafka;
            CompletableFuture<Void> kafkaReady = cluster == null ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(cluster::awaitReady);
            shop.startServices(options, ports, home, logs, progress, kafkaReady);
            shop.faults = new ShopFaults(shop, progress, () -> shop.processesChanged.run(), Clock.systemUTC());
            if (shop.withFaultPanel) {
                shop.openTheFaultPanel();
            }
            return shop;
        } catch (RuntimeException e) {
            shop.close();
            throw e;
        }
    }

    private void startServices(RunOptions options, ShopPorts ports, Path home, Path logs, Consumer<String> progress,
                               CompletableFuture<Void> kafkaReady) {
        this.options = options;
        this.ports = ports;
        this.home = home;
        this.logs = logs;
        common = commonArguments(options, bootstrapServers());
        if (kafka != null && kafka.replicationFactor() > 1) {
            common.add("--chippy.kafka.replication-factor=" + kafka.replicationFactor());
        }
        secrets = new LinkedHashMap<>();
        options.kafkaProperties().forEach((key, value) -> secrets.put("spring.kafka.properties." + key, value));

        Map<String, List<String>> wanted = new LinkedHashMap<>();
        // Customers come in once the whole shop is open (see openTheDoors): five services
        // starting on a small machine start faster without orders to handle meanwhile.
        wanted.put("till-service", List.of("--server.port=" + ports.till(),
                "--chippy.till.order-board-url=http://localhost:" + ports.sink(),
                "--chippy.simulation.enabled=false"));
        for (int n = 1; n <= options.preparers(); n++) {
            wanted.put("preparer-" + n, preparer(n));
        }
        if (options.scenario().cook()) {
            wanted.put("cook-1", List.of("--server.port=" + ports.cook(), "--chippy.cook.name=cook-1"));
        }
        // Its state directory is the run's, so a restarted analyst is the same Kafka Streams
        // instance, and takes its killed predecessor's place (and fences its transactions) at once.
        wanted.put("analyst-service", List.of("--server.port=" + ports.analyst(),
                "--chippy.analyst.state-dir=" + logs.resolveSibling("analyst")));

        progress.accept("Starting order-sink-service, " + String.join(", ", wanted.keySet()) + " ...");
        // The record keeper starts slowest (Flyway, Hibernate), so it goes first, once PostgreSQL is up.
        CompletableFuture<Service> recordKeeper = postgres.thenApply(database -> {
            List<String> own = new ArrayList<>(List.of("--server.port=" + ports.sink(),
                    // The live board's own till passes its orders on to the till service.
                    "--chippy.sink.till-url=http://localhost:" + ports.till(),
                    "--spring.datasource.url=" + jdbcUrl(),
                    "--spring.datasource.username=" + postgresUser()));
            if (withFaultPanel) {
                // The board shows the runner's fault panel, which answers this machine only.
                own.add("--chippy.board.fault-panel-url=http://localhost:" + ports.faults());
            }
            return start("order-sink-service", own, Map.of("spring.datasource.password", postgresPassword()));
        });
        List<Service> started = new ArrayList<>();
        wanted.forEach((name, own) -> started.add(start(name, own)));
        started.add(0, join(recordKeeper));
        join(kafkaReady);
        started.forEach(Shop::awaitReady);
        if (options.simulatedTills()) {
            openTheDoors();
        }
    }

    /** Opens the fault panel ({@link FaultPanel}) on this machine's loopback, with its proof reading the shop beside it. */
    private void openTheFaultPanel() {
        proof = new Proof(bootstrapServers(), options.kafkaProperties(), this::jdbcUrl, postgresUser(), postgresPassword(),
                LOST_AFTER, Clock.systemUTC());
        panel = FaultPanel.open(ports.faults(), faults, proof::account, System.getenv(ADMIN_TOKEN_VARIABLE), ports.sink());
    }

    /** Starts the scenario's simulated tills. */
    private void openTheDoors() {
        tillControl("POST", "/simulation/start", null);
    }

    /**
     * The simulated tills as they are now ({@code GET /simulation}: how many, plaice, speed,
     * running), to open them again as they were after the till service is restarted.
     */
    public String simulation() {
        return tillControl("GET", "/simulation", null);
    }

    /** Opens the simulated tills again with the settings {@link #simulation()} read, if they were running. */
    public void resumeSimulation(String simulation) {
        ObjectNode settings = (ObjectNode) ShopJson.mapper().readTree(simulation);
        boolean running = settings.path("running").asBoolean(false);
        settings.remove("running");
        tillControl("PUT", "/simulation", settings.toString());
        if (running) {
            openTheDoors();
        }
    }

    /** A request to the till service's simulation control, with the admin token when one is set; returns the body. */
    private String tillControl(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service("till-service").url(path)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(10));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        // The services inherit the runner's environment: with an admin token set, they want it for this.
        String token = System.getenv(ADMIN_TOKEN_VARIABLE);
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " to the till service: HTTP " + answer.statusCode()
                        + " " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": the till service did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Starts one more preparer while the shop is open, and waits until it is ready. */
    public Service addPreparer() {
        int n = (int) services.stream().filter(service -> service.name().startsWith("preparer-")).count() + 1;
        Service preparer = start("preparer-" + n, preparer(n));
        awaitReady(preparer);
        return preparer;
    }

    private List<String> preparer(int n) {
        return List.of("--server.port=" + ports.preparer(n), "--chippy.preparer.name=preparer-" + n);
    }

    /**
     * What every service is told on its command line: nothing secret, since {@code ps} shows
     * command lines to every user of the machine (secrets go through {@link #environment}).
     */
    static List<String> commonArguments(RunOptions options, String bootstrap) {
        List<String> common = new ArrayList<>();
        common.add("--chippy.scenario=" + options.scenario().name());
        common.add("--spring.kafka.bootstrap-servers=" + bootstrap);
        // Only this machine reaches the services unless --bind says otherwise.
        common.add("--server.address=" + options.bind());
        if (options.speedFactor() != null) {
            common.add("--chippy.shop.speed-factor=" + options.speedFactor());
        }
        if (options.kafkaCertificates() != null) {
            common.add("--chippy.kafka.certificates=" + options.kafkaCertificates().toAbsolutePath());
        }
        return common;
    }

    /**
     * Settings that may be secret (every {@code --kafka-property}, such as a SASL JAAS
     * configuration, and the database password), handed to a service in its environment as
     * {@code SPRING_APPLICATION_JSON}: readable by the shop's owner only.
     */
    static Map<String, String> environment(Map<String, String> secretProperties) {
        if (secretProperties.isEmpty()) {
            return Map.of();
        }
        return Map.of("SPRING_APPLICATION_JSON", ShopJson.mapper().writeValueAsString(secretProperties));
    }

    private Service start(String name, List<String> own) {
        return start(name, own, Map.of());
    }

    private Service start(String name, List<String> own, Map<String, String> ownSecrets) {
        String module = module(name);
        boolean again = ownArguments.containsKey(name);
        boolean first = !again && services.stream().noneMatch(service -> module(service.name()).equals(module));
        ServiceLaunch launch = ServiceLaunch.of(join(unpacking.get(module)), first);
        List<String> arguments = new ArrayList<>(launch.arguments());
        arguments.addAll(own);
        arguments.addAll(common);
        int port = Integer.parseInt(own.get(0).substring("--server.port=".length()));
        Map<String, String> serviceSecrets = new LinkedHashMap<>(secrets);
        serviceSecrets.putAll(ownSecrets);
        Map<String, String> environment = new LinkedHashMap<>(ServiceJvm.ENVIRONMENT);
        environment.putAll(environment(serviceSecrets));
        Service service = new Service(name, port, ChildProcess.startJava(name, jvmOptions(module), arguments,
                logs.resolve(name + ".log"), environment, again));
        ownArguments.put(name, own);
        ownSecretsOf.put(name, ownSecrets);
        services.removeIf(running -> running.name().equals(name));
        services.add(service);
        return service;
    }

    /** Kills a service outright, {@code kill -9} by its pid: no shutdown hook, no graceful anything. */
    public void kill(String name) {
        service(name).process().kill();
    }

    /** Starts a stopped or killed service again, the same way and on the same port, and waits until it is ready. */
    public Service restart(String name) {
        Service stopped = service(name);
        if (stopped.process().isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        Service service = start(name, ownArguments.get(name), ownSecretsOf.getOrDefault(name, Map.of()));
        awaitReady(service);
        return service;
    }

    /**
     * Starts a second till service beside the first, on a port of its own, configured the same
     * (as two replicas, or a rolling update, would be), and waits until it is ready.
     */
    public Service addTill(String name, int port) {
        Service till = start(name, List.of("--server.port=" + port,
                "--chippy.till.order-board-url=http://localhost:" + ports.sink(),
                "--chippy.simulation.enabled=false"));
        awaitReady(till);
        return till;
    }

    /** The services' JVM options, and any from {@code CHIPPY_JAVA_OPTIONS}. */
    private List<String> jvmOptions(String module) {
        List<String> options = new ArrayList<>(serviceJvm.options(module));
        String extra = System.getenv("CHIPPY_JAVA_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return options;
    }

    private static String module(String name) {
        if (name.startsWith("preparer-")) {
            return "preparer-service";
        }
        if (name.startsWith("till-")) {
            return "till-service";
        }
        return name.startsWith("cook-") ? "cook-service" : name;
    }

    /** Waits until the service's readiness probe answers 200. */
    public static void awaitReady(Service service) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(service.url("/actuator/health/readiness")))
                .timeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!service.process().isAlive()) {
                throw new IllegalStateException(service.name() + " stopped while starting; the end of "
                        + service.process().log() + ":\n" + service.process().tail(25));
            }
            try {
                if (HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + service.name() + " was starting", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service.name() + " was not ready within " + READY_TIMEOUT.toSeconds()
                        + " s; see " + service.process().log());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The jars the broker runs from: the runner's own libraries. */
    public static String libraries(Path home) {
        Path lib = home.resolve("shop-runner").resolve("target").resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing; build first: ./mvnw -DskipTests package");
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return String.join(File.pathSeparator, jars.map(Path::toString).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Service> services() {
        return List.copyOf(services);
    }

    /** Every process the shop started, for the lock file. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        if (kafka != null) {
            kafka.processes().forEach(process -> pids.add(process.pid()));
        }
        Postgres database = postgres.getNow(null);
        if (database != null && database.pid() > 0) {
            pids.add(database.pid());
        }
        services.forEach(service -> pids.add(service.process().pid()));
        return pids;
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public ShopPorts ports() {
        return ports;
    }

    /** The first service of this name. */
    public Service service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst().orElseThrow();
    }

    public String postgresUrl() {
        Postgres database = postgres.getNow(null);
        return database == null ? null : database.jdbcUrl();
    }

    private boolean runsPostgres() {
        return options.runsPostgres();
    }

    /** The database the record keeper writes to: the runner's own, or the one given. */
    private String jdbcUrl() {
        return runsPostgres() ? postgresUrl() : options.postgresUrl();
    }

    private String postgresUser() {
        return runsPostgres() ? Postgres.USER : options.postgresUser();
    }

    private String postgresPassword() {
        return runsPostgres() ? Postgres.PASSWORD : options.postgresPassword();
    }

    /** Stops the runner's PostgreSQL (a fault: the record keeper has to wait for it). */
    public void stopPostgres() {
        Postgres database = postgres.getNow(null);
        if (database == null) {
            throw new IllegalStateException("this shop uses a PostgreSQL of its own, not the runner's");
        }
        database.stop();
    }

    /** Starts the runner's PostgreSQL again, on the same data and port. */
    public void startPostgres() {
        postgres = CompletableFuture.completedFuture(postgres.join().startAgain());
    }

    public String bootstrapServers() {
        return kafka != null ? kafka.bootstrapServers() : options.kafka();
    }

    /** The {@code --kafka-property} settings every Kafka client of the shop uses. */
    public Map<String, String> kafkaProperties() {
        return options.kafkaProperties();
    }

    /** The faults this shop can be put through: the fault panel's, and the fault tests'. */
    public ShopFaults faults() {
        return faults;
    }

    /** The proof panel's account of the shop, read beside it; null when the shop has no fault panel. */
    public Proof proof() {
        return proof;
    }

    /** The fault panel, or null when the shop has none. */
    public FaultPanel panel() {
        return panel;
    }

    /** Called whenever a fault has started a process anew, so that its new pid is known. */
    public void onProcessesChanged(Runnable listener) {
        processesChanged = listener;
    }

    /** Closes the shop: the services first, gracefully and all at once, then Kafka, then PostgreSQL. */
    @Override
    public void close() {
        if (panel != null) {
            panel.close();
            proof.close();
        }
        CompletableFuture.allOf(services.stream()
                .map(service -> CompletableFuture.runAsync(() -> service.process().stop(Duration.ofSeconds(40))))
                .toArray(CompletableFuture[]::new)).join();
        if (kafka != null) {
            kafka.stop();
        }
        try {
            Postgres database = postgres.join();
            if (database != null) {
                database.stop();
            }
        } catch (CompletionException notStarted) {
            // nothing to stop
        }
    }
}
