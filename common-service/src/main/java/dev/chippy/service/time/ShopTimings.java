package dev.chippy.service.time;

import java.time.Duration;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long things take in the shop, as in the original talk's demos, and one speed
 * factor that scales all of them. A factor of 0 means nobody waits at all (the
 * benchmarks run that way); 2 means everything takes twice as long.
 *
 * <p>Each range is set with its two ends, e.g. {@code chippy.shop.cooking.min=3s} and
 * {@code chippy.shop.cooking.max=3200ms}; a range left unset is the talk's.
 *
 * @param speedFactor  multiplies every simulated time
 * @param tillInterval how long a simulated till waits between two orders
 * @param preparing    how long a preparer takes over one order
 * @param cooking      how long the cook takes to fry one fryer-load of plaice
 */
@Validated
@ConfigurationProperties("chippy.shop")
public record ShopTimings(
        @PositiveOrZero @DefaultValue("1.0") double speedFactor,
        TimeRange tillInterval,
        TimeRange preparing,
        TimeRange cooking) {

    public static final TimeRange TALK_TILL_INTERVAL = TimeRange.between(Duration.ofMillis(1000), Duration.ofMillis(1500));
    public static final TimeRange TALK_PREPARING = TimeRange.between(Duration.ofMillis(500), Duration.ofMillis(1000));
    public static final TimeRange TALK_COOKING = TimeRange.between(Duration.ofMillis(3000), Duration.ofMillis(3200));

    public ShopTimings {
        tillInterval = tillInterval != null ? tillInterval : TALK_TILL_INTERVAL;
        preparing = preparing != null ? preparing : TALK_PREPARING;
        cooking = cooking != null ? cooking : TALK_COOKING;
    }

    /** True when time is simulated at all; false at speed factor 0. */
    public boolean simulating() {
        return speedFactor > 0;
    }

    /** A nominal duration scaled by the speed factor. */
    public Duration scaled(Duration nominal) {
        return scaled(nominal, speedFactor);
    }

    /** A nominal duration scaled by {@code speedFactor}: for what runs at a speed of its own, like the simulated tills. */
    public static Duration scaled(Duration nominal, double speedFactor) {
        return speedFactor == 0 ? Duration.ZERO : Duration.ofNanos(Math.round(nominal.toNanos() * speedFactor));
    }
}
