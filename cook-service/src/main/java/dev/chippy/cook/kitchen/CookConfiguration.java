package dev.chippy.cook.kitchen;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.chippy.service.kafka.WorkerIdentity;
import dev.chippy.service.time.ShopClock;

/** The cook, wired together. */
@Configuration(proxyBeanMethods = false)
class CookConfiguration {

    @Bean
    WorkerIdentity cookIdentity(CookProperties properties) {
        return WorkerIdentity.of(properties.name(), "cook", properties.nameFromReplica());
    }

    @Bean
    Cook cook(WorkerIdentity identity, ShopClock clock, CookProperties properties) {
        return new Cook(identity, new Fryer(clock, properties.fryerCapacity()), Clock.systemUTC());
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer cookTransactionalIds(WorkerIdentity identity) {
        return identity.producerCustomizer();
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer cookClientId(WorkerIdentity identity) {
        return identity.consumerCustomizer();
    }

    /**
     * While time is simulated the cook takes one fryer-load of requests per poll, so what
     * comes out of the fryer together is committed together, and a batch never outlasts
     * max.poll.interval.ms. At speed 0 a poll takes a full batch.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer oneFryerLoadAtATimeWhileSimulating(ShopClock clock, CookProperties properties) {
        return factory -> {
            if (clock.timings().simulating()
                    && !factory.getConfigurationProperties().containsKey(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)) {
                factory.updateConfigs(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.fryerCapacity()));
            }
        };
    }
}
