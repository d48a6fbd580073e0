package dev.chippy.cook.kitchen;

import java.time.Clock;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.chippy.service.kafka.ShopKafkaAutoConfiguration;
import dev.chippy.service.kafka.WorkerIdentity;
import dev.chippy.service.kitchen.KitchenLimits;
import dev.chippy.service.time.ShopClock;

/** The cook, wired together. */
@Configuration(proxyBeanMethods = false)
class CookConfiguration {

    @Bean
    WorkerIdentity cookIdentity(CookProperties properties) {
        return WorkerIdentity.of(properties.name(), "cook", properties.nameFromReplica());
    }

    @Bean
    Cook cook(WorkerIdentity identity, ShopClock clock, Clock wallClock, CookProperties properties, KitchenLimits kitchen) {
        return new Cook(identity, () -> new Fryer(clock, properties.fryerCapacity()), wallClock, kitchen);
    }

    /** While time is simulated the cook takes a fryer-load of requests at a time: what comes out together is committed together. */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer oneFryerLoadAtATimeWhileSimulating(ShopClock clock, CookProperties properties) {
        return ShopKafkaAutoConfiguration.pollsWhileSimulating(clock, properties.fryerCapacity());
    }
}
