package dev.chippy.preparer.kitchen;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;

import dev.chippy.service.kafka.WorkerIdentity;
import dev.chippy.service.time.ShopClock;

/** The preparer, wired together. */
@Configuration(proxyBeanMethods = false)
class PreparerConfiguration {

    @Bean
    WorkerIdentity preparerIdentity(PreparerProperties properties) {
        return WorkerIdentity.of(properties.name(), "preparer", properties.nameFromReplica());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Preparer preparer(WorkerIdentity identity, ShopClock clock, Clock wallClock) {
        return new Preparer(identity, clock, wallClock);
    }

    @Bean
    Announcer announcer(ProducerFactory<Object, Object> producers) {
        return new Announcer(producers.createNonTransactionalProducer());
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer preparerTransactionalIds(WorkerIdentity identity) {
        return identity.producerCustomizer();
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer preparerClientId(WorkerIdentity identity) {
        return identity.consumerCustomizer();
    }

    /**
     * While time is simulated a preparer takes one order per poll, so each order is its
     * own transaction: it shows ready the moment it is, and a slow batch never outlasts
     * max.poll.interval.ms. At speed 0 a poll takes a full batch and one transaction
     * covers it, which is what makes the shop fast.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer oneOrderAtATimeWhileSimulating(ShopClock clock) {
        return factory -> {
            if (clock.timings().simulating()
                    && !factory.getConfigurationProperties().containsKey(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)) {
                factory.updateConfigs(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1));
            }
        };
    }
}
