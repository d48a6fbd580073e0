package dev.chippy.runner;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunOptionsTest {

    @Test
    void withNothingSaidTheFullShopRunsWithItsOwnKafkaAndPostgres() {
        RunOptions options = RunOptions.parse();
        assertThat(options.scenario().name()).isEqualTo("shop");
        assertThat(options.runsKafka()).isTrue();
        assertThat(options.runsPostgres()).isTrue();
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.postgresPort()).isEqualTo(5432);
        assertThat(options.preparers()).as("one preparer per partition").isEqualTo(3);
        assertThat(options.speedFactor()).isNull();
        assertThat(options.brokers()).isEqualTo(1);
    }

    @Test
    void aClusterOfThreeBrokersIsAsked() {
        assertThat(RunOptions.parse("--brokers=3").brokers()).isEqualTo(3);
        assertThatThrownBy(() -> RunOptions.parse("--brokers=2"))
                .hasMessage("--brokers takes 1, or 3 to 5 (a cluster that survives losing a broker), was 2");
        assertThatThrownBy(() -> RunOptions.parse("--brokers=3", "--kafka=broker:9092"))
                .hasMessage("--brokers is for the Kafka the runner runs, not with --kafka");
    }

    @Test
    void theServicesListenOnThisMachineOnlyUnlessToldOtherwise() {
        assertThat(RunOptions.parse().bind()).isEqualTo("127.0.0.1");
        assertThat(RunOptions.parse("--bind=0.0.0.0").bind()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> RunOptions.parse("--bind=10.0.0.7")).hasMessageContaining("--bind takes");
        assertThat(Shop.commonArguments(RunOptions.parse(), "localhost:9092")).contains("--server.address=127.0.0.1");
    }

    @Test
    void secretsStayOffTheServicesCommandLines(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("kafka.properties");
        java.nio.file.Files.writeString(file, "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                + " required username=\"chippy\" password=\"s3cret\";\n");
        RunOptions options = RunOptions.parse(java.util.Map.of("CHIPPY_POSTGRES_PASSWORD", "db-s3cret"),
                "--kafka=broker:9094", "--kafka-properties=" + file, "--kafka-property=ssl.key.password=k3y",
                "--postgres=jdbc:postgresql://db:5432/shop");

        assertThat(options.postgresPassword()).isEqualTo("db-s3cret");
        assertThat(String.join(" ", Shop.commonArguments(options, options.kafka()))).doesNotContain("s3cret", "k3y", "jaas");
        java.util.Map<String, String> secrets = new java.util.LinkedHashMap<>();
        options.kafkaProperties().forEach((key, value) -> secrets.put("spring.kafka.properties." + key, value));
        secrets.put("spring.datasource.password", options.postgresPassword());
        assertThat(Shop.environment(secrets).get("SPRING_APPLICATION_JSON"))
                .contains("\"spring.kafka.properties.sasl.jaas.config\"", "password=\\\"s3cret\\\"", "\"spring.datasource.password\":\"db-s3cret\"");
    }

    @Test
    void aScenarioAndOptionsAreTakenAsGiven() {
        RunOptions options = RunOptions.parse("demo2", "--speed=0.5", "--preparers=3", "--keep-data",
                "--kafka=broker:9094", "--kafka-certificates=/certs", "--kafka-property=sasl.mechanism=SCRAM-SHA-256",
                "--postgres=jdbc:postgresql://db:5432/shop", "--postgres-user=me", "--postgres-password=secret");
        assertThat(options.scenario().name()).isEqualTo("demo2");
        assertThat(options.speedFactor()).isEqualTo(0.5);
        assertThat(options.preparers()).isEqualTo(3);
        assertThat(options.keepData()).isTrue();
        assertThat(options.runsKafka()).isFalse();
        assertThat(options.kafka()).isEqualTo("broker:9094");
        assertThat(options.kafkaCertificates()).isEqualTo(Path.of("/certs"));
        assertThat(options.kafkaProperties()).containsEntry("sasl.mechanism", "SCRAM-SHA-256");
        assertThat(options.runsPostgres()).isFalse();
        assertThat(options.postgresUser()).isEqualTo("me");
    }

    @Test
    void aScenarioWithSimulatedTillsCanOpenWithoutThem() {
        assertThat(RunOptions.parse("queue").simulatedTills()).isTrue();
        assertThat(RunOptions.parse("queue", "--no-tills").simulatedTills()).isFalse();
        assertThat(RunOptions.parse("quiet").simulatedTills()).as("quiet has none to open").isFalse();
        assertThat(RunOptions.parse("queue").preparers()).as("six preparers on three partitions").isEqualTo(6);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> RunOptions.parse("demo9")).hasMessageContaining("There is no scenario 'demo9'");
        assertThatThrownBy(() -> RunOptions.parse("--sped=2")).hasMessage("unknown option --sped (see --help)");
        assertThatThrownBy(() -> RunOptions.parse("--speed=-1")).hasMessage("--speed takes a number of 0 or more, was -1");
        assertThatThrownBy(() -> RunOptions.parse("--preparers=9")).hasMessage("--preparers takes a number from 1 to 6, was 9");
        assertThatThrownBy(() -> RunOptions.parse("--kafka-port=http")).hasMessage("--kafka-port takes a port number, was http");
        assertThatThrownBy(() -> RunOptions.parse("--kafka")).hasMessage("--kafka needs a value: --kafka=...");
        assertThatThrownBy(() -> RunOptions.parse("demo1", "demo2")).hasMessage("one scenario at a time, not [demo1, demo2]");
    }

    @Test
    void theHelpListsEveryScenario() {
        assertThat(RunOptions.usage()).contains("shop", "demo1", "demo2", "demo3", "demo4", "queue", "queue-group", "quiet",
                "--kafka-certificates", "--no-tills");
    }
}
