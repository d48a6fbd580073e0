package dev.chippy.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The analyst's running tally of one window of time: how many orders a till took in a minute,
 * how many portions of cod went out in five minutes, how long orders took to be ready in a
 * minute. Written by the analyst to the shop-windows topic each time the tally changes,
 * keyed by {@link #key()}, so the compacted topic keeps each window's latest tally.
 *
 * <p>A tally counts events and sums an amount that each event brings: for a till, orders
 * and the pence they took; for an item, the orders it was in and how many were ordered; for a
 * portion, the orders it was in and the portions; for the
 * kitchen, the orders that became ready and the milliseconds each took from placed to ready.
 *
 * <p>Each tally is one partition's share of its window: what the orders read from partition
 * {@code share} brought. A window's whole tally is its shares added up (their largest, the
 * largest of theirs). Counting each partition apart keeps each share's records in the order
 * they were written, so none arrives too late for its window (decision 18).
 *
 * @param subject what was counted: a till id, an item id, a portion id, or {@link #SHOP}
 * @param share   the partition of the orders and statuses this share was counted from
 * @param count   how many events fell in the window
 * @param total   the sum of their amounts
 * @param largest the largest single amount
 * @param at      when the analyst tallied it
 */
public record WindowTallied(UUID eventId, Measure measure, String subject, int share, Instant windowStart, Instant windowEnd,
                            long count, long total, long largest, Instant at) implements ShopEvent {

    /** The subject of a measure of the whole shop. */
    public static final String SHOP = "shop";

    /** What the analyst measures, and the size and step of its windows. */
    public enum Measure {
        /** Orders each till took, and the pence taken: per minute (tumbling windows). */
        TILL_ORDERS(Duration.ofMinutes(1), Duration.ofMinutes(1)),
        /** Items of the menu ordered: over five minutes, every minute (hopping windows). */
        ITEMS(Duration.ofMinutes(5), Duration.ofMinutes(1)),
        /** Portions of each kind ordered: over five minutes, every minute (hopping windows). */
        PORTIONS(Duration.ofMinutes(5), Duration.ofMinutes(1)),
        /** Orders that became ready, and how long each took from placed: per minute of becoming ready. */
        READY_TIME(Duration.ofMinutes(1), Duration.ofMinutes(1));

        private final Duration size;
        private final Duration advance;

        Measure(Duration size, Duration advance) {
            this.size = size;
            this.advance = advance;
        }

        public Duration size() {
            return size;
        }

        /** How far apart windows begin; equal to the size for tumbling windows. */
        public Duration advance() {
            return advance;
        }
    }

    public WindowTallied {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(at, "at");
    }

    /** {@code TILL_ORDERS/till-1/2026-12-02T19:04:00Z/2}: one record per share of a window on the compacted topic. */
    @Override
    public String key() {
        return measure + "/" + subject + "/" + windowStart + "/" + share;
    }
}
