package dev.chippy.service.time;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** A span of time picked uniformly at random each time, like "preparing takes 0.5 to 1.0 s". */
public record TimeRange(Duration min, Duration max) {

    public TimeRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("a time range needs 0 <= min <= max, was " + min + ".." + max);
        }
    }

    public static TimeRange between(Duration min, Duration max) {
        return new TimeRange(min, max);
    }

    public Duration pick(RandomGenerator random) {
        long span = max.toNanos() - min.toNanos();
        return span == 0 ? min : min.plusNanos(random.nextLong(span + 1));
    }

    @Override
    public String toString() {
        return min.toMillis() / 1000.0 + "–" + max.toMillis() / 1000.0 + " s";
    }
}
