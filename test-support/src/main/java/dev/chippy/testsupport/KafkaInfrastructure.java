package dev.chippy.testsupport;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker for a Spring test context, in the mode {@link Infrastructure#chosen()}
 * says. Each context gets its own broker, so tests of different contexts never see each
 * other's messages. Tests reach the broker through the {@link KafkaConnectionDetails} bean.
 */
@TestConfiguration(proxyBeanMethods = false)
public class KafkaInfrastructure {

    @Bean
    @ServiceConnection
    @Conditional(InfrastructureCondition.Containers.class)
    KafkaContainer kafkaContainer() {
        return TestKafka.newContainer();
    }

    @Bean(destroyMethod = "close")
    @Conditional(InfrastructureCondition.Embedded.class)
    TestKafka embeddedKafka() {
        return TestKafka.startEmbedded();
    }

    @Bean
    @Conditional(InfrastructureCondition.Embedded.class)
    KafkaConnectionDetails embeddedKafkaConnectionDetails(TestKafka kafka) {
        return kafka::bootstrapServerList;
    }
}
