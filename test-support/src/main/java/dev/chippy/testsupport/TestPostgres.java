package dev.chippy.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports.Binding;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import dev.chippy.port.Ports;

/**
 * A real PostgreSQL server for a test: a container or zonky's embedded PostgreSQL. It can
 * be stopped and started again on the same address with its data kept, which is how the
 * outage tests take the database away from a running service.
 */
public final class TestPostgres implements AutoCloseable {

    public static final String IMAGE = "postgres:18";
    static final String DATABASE = "chippy";
    static final String USER = "chippy";
    static final String PASSWORD = "chippy";

    private final PostgreSQLContainer container;
    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres embedded;

    private TestPostgres(PostgreSQLContainer container, Path dataDirectory, int port) {
        this.container = container;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Starts a server in the mode {@link Infrastructure#chosen()} says. */
    public static TestPostgres start() {
        if (Infrastructure.chosen() == Infrastructure.CONTAINERS) {
            PostgreSQLContainer container = newContainer();
            container.start();
            return of(container);
        }
        return startEmbedded();
    }

    public static TestPostgres startEmbedded() {
        try {
            TestPostgres postgres = new TestPostgres(null, Files.createTempDirectory("chippy-postgres-"), Ports.free(0));
            postgres.startServer();
            try (var connection = postgres.embedded.getPostgresDatabase().getConnection();
                 var statement = connection.createStatement()) {
                statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
                statement.execute("create database " + DATABASE + " owner " + USER);
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the embedded database", e);
        }
    }

    /**
     * A PostgreSQL container, not yet started, bound to a fixed free host port so that it
     * keeps its address across a stop and start.
     */
    public static PostgreSQLContainer newContainer() {
        int hostPort = Ports.free(0);
        return new PostgreSQLContainer(DockerImageName.parse(IMAGE))
                .withDatabaseName(DATABASE)
                .withUsername(USER)
                .withPassword(PASSWORD)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Binding.bindPort(hostPort), new ExposedPort(PostgreSQLContainer.POSTGRESQL_PORT))));
    }

    /** Wraps a container that Spring or the caller starts. */
    public static TestPostgres of(PostgreSQLContainer container) {
        return new TestPostgres(container, null, -1);
    }

    public String jdbcUrl() {
        return container != null ? container.getJdbcUrl() : "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** Stops the server; its data stays. Connections fail until {@link #restart()}. */
    public void stop() {
        if (container != null) {
            DockerClientFactory.instance().client().stopContainerCmd(container.getContainerId()).exec();
        } else {
            closeEmbedded();
        }
    }

    /** Starts the server again on the same address, with the data it had. */
    public void restart() {
        if (container != null) {
            DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
        } else {
            startServer();
        }
    }

    @Override
    public void close() {
        if (container != null) {
            container.stop();
            return;
        }
        closeEmbedded();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startServer() {
        try {
            embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeEmbedded() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                embedded = null;
            }
        }
    }

}
