package dev.chippy.preparer.kitchen;

import java.time.Clock;
import java.time.Duration;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

import dev.chippy.preparer.cabinet.CabinetStockReader;
import dev.chippy.preparer.cabinet.HotCabinets;
import dev.chippy.service.kafka.ShopKafkaAutoConfiguration;
import dev.chippy.service.kafka.ShopKafkaProperties;
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
    Preparer preparer(WorkerIdentity identity, ShopClock clock, Clock wallClock, KitchenLimits kitchen,
                      ObjectProvider<HotCabinets> cabinets, ShopKafkaProperties kafka) {
        return new Preparer(identity, clock, wallClock, kitchen, cabinets.getIfAvailable(), kafka.partitions());
    }

    /**
     * The hot cabinets, when the shop has them. A cabinet taken over is read back after any
     * transaction its last owner left open has ended: at most the preparers' transaction
     * timeout, when Kafka aborts it, and a little more.
     */
    @Bean
    @ConditionalOnProperty(name = "chippy.cabinet.enabled", havingValue = "true")
    HotCabinets hotCabinets(ConsumerFactory<Object, Object> consumers, KafkaProperties kafka) {
        Object timeout = kafka.getProducer().getProperties().getOrDefault(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        Duration wait = Duration.ofMillis(Long.parseLong(String.valueOf(timeout))).plusSeconds(5);
        return new HotCabinets(new CabinetStockReader(consumers.getConfigurationProperties(), wait));
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
