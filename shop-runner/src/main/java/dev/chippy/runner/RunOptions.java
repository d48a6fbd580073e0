package dev.chippy.runner;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.chippy.scenario.Scenario;

/**
 * What to run, from the command line:
 * {@code [scenario] [--kafka=HOST:PORT] [--kafka-certificates=DIR] [--kafka-property=KEY=VALUE]...
 * [--postgres=JDBC-URL --postgres-user=U --postgres-password=P] [--speed=FACTOR]
 * [--kafka-port=9092] [--postgres-port=5432] [--brokers=1] [--bind=ADDRESS] [--keep-data] [--no-tills] [--help]}.
 * The database password may also come from {@code CHIPPY_POSTGRES_PASSWORD}, and Kafka settings
 * from a properties file ({@code --kafka-properties=FILE}), so that no secret need be typed
 * on a command line.
 *
 * @param kafka           an existing Kafka to use, or null to run one
 * @param postgresUrl     an existing PostgreSQL to use, or null to run one
 * @param kafkaProperties extra Kafka client settings for every service (SASL and the like)
 * @param speedFactor     the shop's speed factor, or null for the scenario's
 * @param preparerCount   how many preparers to start, or null for the scenario's
 * @param brokers         how many Kafka brokers to run: 1, or a cluster (3: replication 3, min.insync.replicas 2)
 * @param bind            the address the services listen on: this machine only by default
 * @param noTills         the scenario's simulated tills stay closed: only the orders placed by hand
 */
public record RunOptions(Scenario scenario, String kafka, Path kafkaCertificates, Map<String, String> kafkaProperties,
                         String postgresUrl, String postgresUser, String postgresPassword, Double speedFactor,
                         Integer preparerCount, int kafkaPort, int postgresPort, int brokers, boolean keepData,
                         boolean help, String bind, boolean noTills) {

    public static final int KAFKA_PORT = 9092;
    public static final int POSTGRES_PORT = 5432;
    /** The services answer this machine only, unless told otherwise. */
    public static final String LOCAL_ONLY = "127.0.0.1";
    public static final String POSTGRES_PASSWORD_VARIABLE = "CHIPPY_POSTGRES_PASSWORD";

    public static RunOptions parse(String... args) {
        return parse(System.getenv(), args);
    }

    static RunOptions parse(Map<String, String> environment, String... args) {
        String kafka = null;
        Path certificates = null;
        Map<String, String> kafkaProperties = new LinkedHashMap<>();
        String postgresUrl = null;
        String postgresUser = "chippy";
        String postgresPassword = environment.getOrDefault(POSTGRES_PASSWORD_VARIABLE, "chippy");
        String bind = LOCAL_ONLY;
        Double speed = null;
        Integer preparers = null;
        int kafkaPort = KAFKA_PORT;
        int postgresPort = POSTGRES_PORT;
        int brokers = 1;
        boolean keepData = false;
        boolean noTills = false;
        boolean help = false;
        List<String> positional = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : arg.substring(2);
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "kafka" -> kafka = required(name, value);
                case "kafka-certificates" -> certificates = Path.of(required(name, value));
                case "kafka-property" -> {
                    String property = required(name, value);
                    int equals = property.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("--kafka-property takes KEY=VALUE, was " + property);
                    }
                    kafkaProperties.put(property.substring(0, equals), property.substring(equals + 1));
                }
                case "kafka-properties" -> kafkaProperties.putAll(propertiesFile(required(name, value)));
                case "bind" -> bind = bindAddress(required(name, value));
                case "postgres" -> postgresUrl = required(name, value);
                case "postgres-user" -> postgresUser = required(name, value);
                case "postgres-password" -> postgresPassword = required(name, value);
                case "speed" -> speed = number(name, value);
                case "preparers" -> preparers = count(name, value);
                case "kafka-port" -> kafkaPort = port(name, value);
                case "postgres-port" -> postgresPort = port(name, value);
                case "brokers" -> brokers = brokers(name, value);
                case "keep-data" -> keepData = true;
                case "no-tills" -> noTills = true;
                case "help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
            }
        }
        if (brokers > 1 && kafka != null) {
            throw new IllegalArgumentException("--brokers is for the Kafka the runner runs, not with --kafka");
        }
        if (positional.size() > 1) {
            throw new IllegalArgumentException("one scenario at a time, not " + positional);
        }
        Scenario scenario = Scenario.named(positional.isEmpty() ? Scenario.DEFAULT : positional.get(0));
        return new RunOptions(scenario, kafka, certificates, Map.copyOf(kafkaProperties), postgresUrl, postgresUser,
                postgresPassword, speed, preparers, kafkaPort, postgresPort, brokers, keepData, help, bind, noTills);
    }

    /** How many preparers to start: as asked, or as the scenario says. */
    public int preparers() {
        return preparerCount != null ? preparerCount : scenario.preparers();
    }

    /** Whether the shop opens with the scenario's simulated tills taking orders. */
    public boolean simulatedTills() {
        return !noTills && Boolean.parseBoolean(scenario.properties().getOrDefault("chippy.simulation.enabled", "false"));
    }

    public boolean runsKafka() {
        return kafka == null;
    }

    public boolean runsPostgres() {
        return postgresUrl == null;
    }

    public static String usage() {
        StringBuilder usage = new StringBuilder("""
                Usage: ./chippy run [scenario] [options]

                Runs the whole shop: a Kafka broker, PostgreSQL, the tills, the preparers, the cook and
                the record keeper, each its own process. Ctrl-C closes the shop.

                Scenarios:
                """);
        Scenario.all().values().forEach(s -> usage.append(String.format("  %-11s %s%n", s.name(), s.description())));
        usage.append("""

                Options:
                  --speed=FACTOR               how fast time runs (1 as in the talk, 0.5 twice as fast, 0 no waiting)
                  --preparers=N                this many preparers instead of the scenario's (at most 6)
                  --kafka=HOST:PORT            use this Kafka instead of running one
                  --kafka-certificates=DIR     TLS client certificates for it: ca.pem, service.cert, service.key
                  --kafka-property=KEY=VALUE   any other Kafka client setting, e.g. sasl.mechanism=SCRAM-SHA-256 (repeatable)
                  --kafka-properties=FILE      Kafka client settings from a properties file (keep secrets such as
                                               sasl.jaas.config there, readable by you only)
                  --postgres=JDBC-URL          use this PostgreSQL instead of running one
                  --postgres-user=USER         its user (default chippy)
                  --postgres-password=SECRET   its password (default chippy; better: the environment variable
                                               CHIPPY_POSTGRES_PASSWORD, which ps does not show)
                  --kafka-port=PORT            port of the Kafka it runs (default 9092)
                  --brokers=N                  run a Kafka cluster of N brokers (3 to 5; 3 replicas, min.insync.replicas=2), not one
                  --postgres-port=PORT         port of the PostgreSQL it runs (default 5432)
                  --bind=ADDRESS               where the services listen (default 127.0.0.1, this machine only;
                                               0.0.0.0 for every network: see README, Security). The Kafka and
                                               PostgreSQL the runner starts always listen on this machine only
                  --keep-data                  keep the topics and tables of the last run instead of starting afresh
                  --no-tills                   leave the scenario's simulated tills closed: only the orders you place
                """);
        return usage.toString();
    }

    /** This machine only, or every network: the runner reaches its services at localhost either way. */
    private static String bindAddress(String value) {
        if (!value.equals(LOCAL_ONLY) && !value.equals("0.0.0.0")) {
            throw new IllegalArgumentException("--bind takes " + LOCAL_ONLY + " (this machine only) or 0.0.0.0 (every network), was " + value);
        }
        return value;
    }

    private static Map<String, String> propertiesFile(String file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file))) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("--kafka-properties: cannot read " + file + " (" + e.getMessage() + ")");
        }
        Map<String, String> read = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> read.put(key, properties.getProperty(key)));
        return read;
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " needs a value: --" + name + "=...");
        }
        return value;
    }

    private static double number(String name, String value) {
        try {
            double number = Double.parseDouble(required(name, value));
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a number of 0 or more, was " + value);
        }
    }

    private static int count(String name, String value) {
        try {
            int count = Integer.parseInt(required(name, value));
            if (count < 1 || count > 6) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a number from 1 to 6, was " + value);
        }
    }

    private static int brokers(String name, String value) {
        try {
            int brokers = Integer.parseInt(required(name, value));
            if (brokers != 1 && (brokers < 3 || brokers > 5)) {
                throw new NumberFormatException();
            }
            return brokers;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes 1, or 3 to 5 (a cluster that survives losing a broker), was " + value);
        }
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(required(name, value));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a port number, was " + value);
        }
    }
}
