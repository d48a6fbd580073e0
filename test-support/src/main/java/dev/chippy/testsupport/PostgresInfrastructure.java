package dev.chippy.testsupport;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL server for a Spring test context, in the mode
 * {@link Infrastructure#chosen()} says; its own server per context. A {@link TestPostgres}
 * bean exists in both modes, for tests that stop and start the database.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresInfrastructure {

    @Bean
    @ServiceConnection
    @Conditional(InfrastructureCondition.Containers.class)
    PostgreSQLContainer postgresContainer() {
        return TestPostgres.newContainer();
    }

    @Bean
    @Conditional(InfrastructureCondition.Containers.class)
    TestPostgres containerPostgres(PostgreSQLContainer container) {
        return TestPostgres.of(container);
    }

    @Bean(destroyMethod = "close")
    @Conditional(InfrastructureCondition.Embedded.class)
    TestPostgres embeddedPostgres() {
        return TestPostgres.startEmbedded();
    }

    @Bean
    @Conditional(InfrastructureCondition.Embedded.class)
    JdbcConnectionDetails embeddedPostgresConnectionDetails(TestPostgres postgres) {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return postgres.username();
            }

            @Override
            public String getPassword() {
                return postgres.password();
            }

            @Override
            public String getJdbcUrl() {
                return postgres.jdbcUrl();
            }
        };
    }
}
