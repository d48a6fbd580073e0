package dev.chippy.sink.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** A Kafka admin client, for reading where the topics end and how far the groups have read. */
@Configuration(proxyBeanMethods = false)
class KafkaReadingConfiguration {

    @Bean(destroyMethod = "close")
    Admin kafkaAdminClient(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }
}
