package dev.chippy.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from zonky's embedded binaries (Maven Central, no install), with
 * a {@code chippy} database owned by a {@code chippy} user, the same as docker-compose makes.
 */
public final class Postgres {

    public static final String DATABASE = "chippy";
    public static final String USER = "chippy";
    public static final String PASSWORD = "chippy";

    private final EmbeddedPostgres server;
    private final Path dataDirectory;
    private boolean stopped;

    private Postgres(EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    public static Postgres start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    // Its users log in without a password from this machine (initdb's trust): it
                    // must not be reachable from anywhere else, whatever --bind says.
                    .setServerConfig("listen_addresses", "localhost")
                    .start();
            try (Connection connection = server.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                boolean exists;
                try (ResultSet roles = statement.executeQuery("select 1 from pg_roles where rolname = '" + USER + "'")) {
                    exists = roles.next();
                }
                if (!exists) {
                    statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
                    statement.execute("create database " + DATABASE + " owner " + USER);
                }
            }
            return new Postgres(server, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not make the chippy database", e);
        }
    }

    /** The server's own pid (pg_ctl starts it in the background), from {@code postmaster.pid}. */
    public long pid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + DATABASE;
    }

    /** Starts it again on the same data and port, after {@link #stop()}. */
    public Postgres startAgain() {
        return start(dataDirectory, server.getPort());
    }

    /** Stops it; a second stop does nothing. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
