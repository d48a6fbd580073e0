package dev.chippy.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

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
 */
class ComposeFileIT {

    private static final Path HOME = Path.of(System.getProperty("chippy.home", "..")).toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("till-service", "preparer-service", "cook-service", "order-sink-service",
            "analyst-service");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COMPOSE = "docker-compose.yml";
    private static final String CLUSTER = "docker-compose.cluster.yml";
    private static final List<String> BROKERS = List.of("kafka", "kafka-2", "kafka-3");

    @Test
    void everyEnvironmentVariableOfAServiceIsAPropertyOfThatService() throws IOException {
        for (String service : SERVICES) {
            Map<String, PropertyType> properties = properties(ChippyJars.of(HOME, service));
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

    /** A port published to this machine only, not to its network. */
    private static String onThisMachine(int port) {
        return "127.0.0.1:" + port + ":" + port;
    }

    /** How a property takes values: a map property also takes any key below its name. */
    private enum PropertyType { VALUE, MAP }

    /** Spring's relaxed binding: SPRING_KAFKA_BOOTSTRAP_SERVERS is spring.kafka.bootstrap-servers. */
    private static boolean isProperty(String variable, Map<String, PropertyType> properties) {
        String wanted = canonical(variable);
        for (Map.Entry<String, PropertyType> property : properties.entrySet()) {
            String name = canonical(property.getKey());
            if (wanted.equals(name) || property.getValue() == PropertyType.MAP && wanted.startsWith(name)) {
                return true;
            }
        }
        return false;
    }

    private static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Every property in the configuration metadata of the jar and of the jars inside it. */
    private static Map<String, PropertyType> properties(Path jar) throws IOException {
        Map<String, PropertyType> properties = new HashMap<>();
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

    private static void readNested(InputStream jar, Map<String, PropertyType> properties) throws IOException {
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

    private static void read(InputStream json, Map<String, PropertyType> properties) throws IOException {
        JsonNode metadata = JSON.readTree(json.readAllBytes());
        JsonNode declared = metadata.get("properties");
        if (declared == null) {
            return;
        }
        declared.forEach(property -> {
            String type = property.has("type") ? property.get("type").asString() : "";
            properties.put(property.get("name").asString(), type.startsWith("java.util.Map") ? PropertyType.MAP : PropertyType.VALUE);
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
