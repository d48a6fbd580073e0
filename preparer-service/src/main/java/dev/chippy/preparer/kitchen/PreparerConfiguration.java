package dev.chippy.preparer.kitchen;

import java.time.Clock;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;

import dev.chippy.service.kafka.ShopKafkaAutoConfiguration;
import dev.chippy.service.kafka.WorkerIdentity;
import dev.chippy.service.kitchen.KitchenLimits;
import dev.chippy.service.time.ShopClock;

/** The preparer, wired together. */
@Configuration(proxyBeanMethods = false)
class PreparerConfiguration {

    @Bean
    WorkerIdentity preparerIdentity(PreparerProperties properties) {
        return WorkerIdentity.of(properties.name(), "preparer", properties.nameFromReplica());
    }

    @Bean
    Preparer preparer(WorkerIdentity identity, ShopClock clock, Clock wallClock, KitchenLimits kitchen) {
        return new Preparer(identity, clock, wallClock, kitchen);
    }

    @Bean
    Announcer announcer(ProducerFactory<Object, Object> producers) {
        return new Announcer(producers.createNonTransactionalProducer());
    }

    /** While time is simulated a preparer takes one order at a time: each is its own transaction, ready the moment it is. */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer oneOrderAtATimeWhileSimulating(ShopClock clock) {
        return ShopKafkaAutoConfiguration.pollsWhileSimulating(clock, 1);
    }
}
