package dev.chippy.service.time;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.chippy.service.kitchen.CabinetProperties;
import dev.chippy.service.kitchen.KitchenLimits;

/** The shop's clocks and timings, and what the kitchen can make of one order, for every service. */
@AutoConfiguration
@EnableConfigurationProperties({ShopTimings.class, KitchenLimits.class, CabinetProperties.class})
public class ShopClockAutoConfiguration {

    /** The wall clock every service tells the time by (an order placed, ready, stored); a test may declare its own. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Simulated time, in which the shop's work takes as long as the talk's. */
    @Bean
    @ConditionalOnMissingBean
    ShopClock shopClock(ShopTimings timings) {
        return new ShopClock(timings);
    }
}
