package dev.chippy.sink.kafka;

import java.time.Duration;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** A Kafka admin client, for reading where the topics end and how far the groups have read. */
@Configuration(proxyBeanMethods = false)
class KafkaReadingConfiguration {

    /**
     * How long closing waits for the admin client's requests still under way. {@code close()}
     * without a bound waits for each to end by its own timeout (a minute), and a request to a
     * broker that has gone (one of three killed) held the record keeper's shutdown until the
     * runner killed it, 40 s later. These requests only read; a few seconds is plenty.
     */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

    @Bean(destroyMethod = "")
    Admin kafkaAdminClient(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    /** Closes the admin client within {@link #CLOSE_TIMEOUT}; it is destroyed before the client it depends on. */
    @Bean
    DisposableBean kafkaAdminClientClosed(Admin kafkaAdminClient) {
        return () -> kafkaAdminClient.close(CLOSE_TIMEOUT);
    }
}
