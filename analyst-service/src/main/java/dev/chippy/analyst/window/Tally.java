package dev.chippy.analyst.window;

/**
 * What one window has counted so far: how many events, the sum of the amount each brought,
 * and the largest amount. Immutable: Kafka Streams stores each new tally in place of the old.
 */
public record Tally(long count, long total, long largest) {

    public static final Tally NONE = new Tally(0, 0, 0);

    /** This tally with one more event, bringing {@code amount}. */
    public Tally plus(long amount) {
        return new Tally(count + 1, total + amount, Math.max(largest, amount));
    }
}
