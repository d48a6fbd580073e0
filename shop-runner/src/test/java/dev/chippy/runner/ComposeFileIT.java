package dev.chippy.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.chippy.testsupport.TestKafka;
import dev.chippy.testsupport.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml}, and {@code docker-compose.cluster.yml} laid over it, against the
 * applications they run: every environment variable they give a Chippy service is a property
 * that service really has (according to the configuration metadata inside its packaged jar),
 * their ports and images are the contract's and the tests', and the cluster's three brokers
 * are one quorum with the replication settings the README gives.
 *
 * <p>The contract's ports ({@link ShopPorts#contract()}) are the one source of each service's
 * port; every other copy is checked against them here: the compose file's, each service's own
 * {@code server.port} and the defaults by which one service finds another (inside the packaged
 * jars), the Dockerfile's {@code EXPOSE}, and the README's picture of the shop.
 */
class ComposeFileIT {

    private static final Path HOME = Path.of(System.getProperty("chippy.home", "..")).toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("till-service", "preparer-service", "cook-service", "order-sink-service",
            "analyst-service");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COMPOSE = "docker-compose.yml";
    private static final String CLUSTER = "docker-compose.cluster.yml";
    private static final List<String> BROKERS = List.of("kafka", "kafka-2", "kafka-3");
    private static final Pattern STAGE = Pattern.compile("FROM\\s+\\S+\\s+AS\\s+(\\S+)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPOSE = Pattern.compile("EXPOSE\\s+(\\d+)\\s*", Pattern.CASE_INSENSITIVE);

    @Test
    void everyEnvironmentVariableOfAServiceIsAPropertyOfThatService() throws IOException {
        for (String service : SERVICES) {
            Map<String, Property> properties = properties(ChippyJars.of(HOME, service));
            assertThat(properties).as("configuration metadata of " + service).isNotEmpty();
            for (String file : List.of(COMPOSE, CLUSTER)) {
                for (String variable : environment(services(file), service).keySet()) {
                    assertThat(isProperty(variable, properties))
                            .as(service + " has no property for " + variable + " (see " + file + ")").isTrue();
                }
            }
        }
    }

    @Test
    void theClusterIsOneQuorumOfThreeBrokersThatKeepsEveryWriteTwice() throws IOException {
        Map<String, Object> cluster = services(CLUSTER);
        Map<String, Object> single = services(COMPOSE);
        String voters = "1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093";
        for (String broker : BROKERS) {
            Map<String, String> settings = new HashMap<>(broker.equals("kafka") ? environment(single, broker) : Map.of());
            settings.putAll(environment(cluster, broker));
            assertThat(settings).as(broker)
                    .containsEntry("KAFKA_NODE_ID", String.valueOf(BROKERS.indexOf(broker) + 1))
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .containsEntry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false")
                    .containsEntry("CLUSTER_ID", environment(single, "kafka").get("CLUSTER_ID"));
            if (!broker.equals("kafka")) {
                assertThat(service(cluster, broker).get("image")).isEqualTo(TestKafka.IMAGE);
            }
        }
        for (String service : SERVICES) {
            assertThat(environment(cluster, service)).as(service + " on the cluster")
                    .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:19092,kafka-2:19092,kafka-3:19092")
                    .containsEntry("CHIPPY_KAFKA_REPLICATION_FACTOR", "3");
        }
        cluster.forEach((name, service) -> assertThat(ports(cluster, name))
                .as(name + " publishes its ports on 127.0.0.1 only").allMatch(port -> port.startsWith("127.0.0.1:")));
    }

    @Test
    void portsAndImagesAreTheContractsAndTheTests() throws IOException {
        Map<String, Object> services = services(COMPOSE);
        ShopPorts contract = ShopPorts.contract();
        assertThat(environment(services, "till-service")).containsEntry("SERVER_PORT", String.valueOf(contract.till()));
        assertThat(environment(services, "preparer-service")).containsEntry("SERVER_PORT", String.valueOf(contract.preparer()));
        assertThat(environment(services, "cook-service")).containsEntry("SERVER_PORT", String.valueOf(contract.cook()));
        assertThat(environment(services, "order-sink-service")).containsEntry("SERVER_PORT", String.valueOf(contract.sink()));
        assertThat(ports(services, "till-service")).containsExactly(onThisMachine(contract.till()));
        assertThat(ports(services, "cook-service")).containsExactly(onThisMachine(contract.cook()));
        assertThat(ports(services, "order-sink-service")).containsExactly(onThisMachine(contract.sink()));
        assertThat(environment(services, "analyst-service")).containsEntry("SERVER_PORT", String.valueOf(contract.analyst()));
        assertThat(ports(services, "analyst-service")).containsExactly(onThisMachine(contract.analyst()));
        assertThat(ports(services, "preparer-service")).as("preparers scale, so they publish no fixed port").isEmpty();
        assertThat(ports(services, "kafka")).containsExactly(onThisMachine(RunOptions.KAFKA_PORT));
        assertThat(ports(services, "postgres")).containsExactly(onThisMachine(RunOptions.POSTGRES_PORT));
        services.forEach((name, service) -> assertThat(ports(services, name))
                .as(name + " publishes its ports on 127.0.0.1 only").allMatch(port -> port.startsWith("127.0.0.1:")));
        assertThat(service(services, "kafka").get("image")).isEqualTo(TestKafka.IMAGE);
        assertThat(service(services, "postgres").get("image")).isEqualTo(TestPostgres.IMAGE);
        assertThat(environment(services, "till-service")).containsEntry("CHIPPY_TILL_ORDER_BOARD_URL",
                "http://localhost:" + contract.sink());
    }

    @Test
    void everyOtherCopyOfAServicesPortIsTheContracts() throws IOException {
        ShopPorts contract = ShopPorts.contract();
        Map<String, Integer> ports = Map.of("till-service", contract.till(), "preparer-service", contract.preparer(),
                "cook-service", contract.cook(), "order-sink-service", contract.sink(), "analyst-service", contract.analyst());
        Map<String, List<Integer>> exposed = exposedPorts();
        String readme = Files.readString(HOME.resolve("README.md"));
        for (String service : SERVICES) {
            int port = ports.get(service);
            assertThat(serverPort(ChippyJars.of(HOME, service))).as(service + "'s own server.port (its application.yml)")
                    .isEqualTo(port);
            assertThat(exposed).as("the Dockerfile's EXPOSE in the stage " + service).containsEntry(service, List.of(port));
            assertThat(readme).as("the README's picture of the shop shows " + service + " on its port")
                    .contains(service + "<br/>:" + port);
        }
        assertThat(properties(ChippyJars.of(HOME, "till-service")).get("chippy.till.order-board-url").defaultValue())
                .as("where the till says an accepted order can be followed").isEqualTo("http://localhost:" + contract.sink());
        assertThat(properties(ChippyJars.of(HOME, "order-sink-service")).get("chippy.sink.till-url").defaultValue())
                .as("where the live board's till passes its orders on").isEqualTo("http://localhost:" + contract.till());
    }

    /** The port a service answers on when nothing else says: {@code server.port} in the application.yml of its jar. */
    @SuppressWarnings("unchecked")
    private static Object serverPort(Path jar) throws IOException {
        try (JarFile fatJar = new JarFile(jar.toFile())) {
            JarEntry settings = fatJar.getJarEntry("BOOT-INF/classes/application.yml");
            assertThat(settings).as("application.yml in " + jar).isNotNull();
            try (InputStream in = fatJar.getInputStream(settings)) {
                Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
                return ((Map<String, Object>) yaml.getOrDefault("server", Map.of())).get("port");
            }
        }
    }

    /** The ports each stage of the Dockerfile exposes, by the stage's name ({@code FROM service AS till-service}). */
    private static Map<String, List<Integer>> exposedPorts() throws IOException {
        Map<String, List<Integer>> exposed = new HashMap<>();
        String stage = null;
        for (String line : Files.readAllLines(HOME.resolve("Dockerfile"))) {
            Matcher from = STAGE.matcher(line);
            Matcher expose = EXPOSE.matcher(line);
            if (from.matches()) {
                stage = from.group(1);
            } else if (expose.matches()) {
                exposed.computeIfAbsent(stage, name -> new ArrayList<>()).add(Integer.parseInt(expose.group(1)));
            }
        }
        return exposed;
    }

    /** A port published to this machine only, not to its network. */
    private static String onThisMachine(int port) {
        return "127.0.0.1:" + port + ":" + port;
    }

    /** How a property takes values: a map property also takes any key below its name. */
    private enum PropertyType { VALUE, MAP }

    /** A property as the configuration metadata describes it; its default is null when the metadata gives none. */
    private record Property(PropertyType type, String defaultValue) {
    }

    /** Spring's relaxed binding: SPRING_KAFKA_BOOTSTRAP_SERVERS is spring.kafka.bootstrap-servers. */
    private static boolean isProperty(String variable, Map<String, Property> properties) {
        String wanted = canonical(variable);
        for (Map.Entry<String, Property> property : properties.entrySet()) {
            String name = canonical(property.getKey());
            if (wanted.equals(name) || property.getValue().type() == PropertyType.MAP && wanted.startsWith(name)) {
                return true;
            }
        }
        return false;
    }

    private static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Every property in the configuration metadata of the jar and of the jars inside it. */
    private static Map<String, Property> properties(Path jar) throws IOException {
        Map<String, Property> properties = new HashMap<>();
        try (JarFile fatJar = new JarFile(jar.toFile())) {
            for (JarEntry entry : java.util.Collections.list(fatJar.entries())) {
                try (InputStream in = fatJar.getInputStream(entry)) {
                    if (isMetadata(entry.getName())) {
                        read(in, properties);
                    } else if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
                        readNested(in, properties);
                    }
                }
            }
        }
        return properties;
    }

    private static void readNested(InputStream jar, Map<String, Property> properties) throws IOException {
        try (JarInputStream nested = new JarInputStream(jar)) {
            JarEntry entry;
            while ((entry = nested.getNextJarEntry()) != null) {
                if (isMetadata(entry.getName())) {
                    read(nested, properties);
                }
            }
        }
    }

    private static boolean isMetadata(String name) {
        return name.endsWith("META-INF/spring-configuration-metadata.json")
                || name.endsWith("META-INF/additional-spring-configuration-metadata.json");
    }

    private static void read(InputStream json, Map<String, Property> properties) throws IOException {
        JsonNode metadata = JSON.readTree(json.readAllBytes());
        JsonNode declared = metadata.get("properties");
        if (declared == null) {
            return;
        }
        declared.forEach(property -> {
            String type = property.has("type") ? property.get("type").asString() : "";
            // A default may be a list or a map too; only single values are compared.
            JsonNode given = property.get("defaultValue");
            String defaultValue = given != null && given.isValueNode() ? given.asString() : null;
            properties.put(property.get("name").asString(),
                    new Property(type.startsWith("java.util.Map") ? PropertyType.MAP : PropertyType.VALUE, defaultValue));
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services(String name) throws IOException {
        try (InputStream compose = Files.newInputStream(HOME.resolve(name))) {
            Map<String, Object> file = new Yaml(new SafeConstructor(new LoaderOptions())).load(compose);
            return (Map<String, Object>) file.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> services, String name) {
        Map<String, Object> service = (Map<String, Object>) services.get(name);
        assertThat(service).as("the compose file has the service " + name).isNotNull();
        return service;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> services, String name) {
        Map<String, Object> environment = (Map<String, Object>) service(services, name).getOrDefault("environment", Map.of());
        Map<String, String> values = new HashMap<>();
        environment.forEach((key, value) -> values.put(key, String.valueOf(value)));
        return values;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ports(Map<String, Object> services, String name) {
        return ((List<Object>) service(services, name).getOrDefault("ports", List.of())).stream().map(String::valueOf).toList();
    }
}
