package dev.chippy.service.time;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.chippy.service.kitchen.KitchenLimits;

/** The shop's clock and timings, and what the kitchen can make of one order, for every service. */
@AutoConfiguration
@EnableConfigurationProperties({ShopTimings.class, KitchenLimits.class})
public class ShopClockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ShopClock shopClock(ShopTimings timings) {
        return new ShopClock(timings);
    }
}
