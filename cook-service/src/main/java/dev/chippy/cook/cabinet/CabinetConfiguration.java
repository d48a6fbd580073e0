package dev.chippy.cook.cabinet;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import dev.chippy.service.kafka.ShopKafkaProperties;
import dev.chippy.service.kafka.WorkerIdentity;
import dev.chippy.service.kitchen.CabinetProperties;
import dev.chippy.service.time.ShopClock;

/** The cook keeps the hot cabinets stocked, when the shop has them. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "chippy.cabinet.enabled", havingValue = "true")
@EnableScheduling
class CabinetConfiguration {

    /** However fast the shop runs, the cook looks at most this often. */
    private static final Duration QUICKEST_LOOK = Duration.ofMillis(200);

    @Bean(destroyMethod = "close")
    CabinetKeeper cabinetKeeper(CabinetProperties properties, KafkaTemplate<Object, Object> kafka, ShopClock clock,
                                Clock wallClock, WorkerIdentity identity, ConsumerFactory<Object, Object> consumers,
                                ShopKafkaProperties shopKafka) {
        return new CabinetKeeper(properties, kafka, clock, wallClock, identity, consumers.getConfigurationProperties(),
                shopKafka.partitions());
    }

    /** The cook's alarm: every {@code chippy.cabinet.top-up-every}, at the shop's speed. */
    @Bean
    SchedulingConfigurer cabinetRounds(CabinetKeeper keeper, CabinetProperties properties, ShopClock clock) {
        Duration every = clock.timings().scaled(properties.topUpEvery());
        Duration period = every.compareTo(QUICKEST_LOOK) < 0 ? QUICKEST_LOOK : every;
        return registrar -> registrar.addFixedDelayTask(keeper::wakeUp, period);
    }
}
