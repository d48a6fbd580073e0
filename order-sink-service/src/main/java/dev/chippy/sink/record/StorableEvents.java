package dev.chippy.sink.record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import dev.chippy.event.OrderEvent;
import dev.chippy.event.ShopEvent;
import dev.chippy.event.WindowTallied;

/**
 * What PostgreSQL can hold of an event that Kafka held. An event can be perfectly readable
 * and still not fit its columns (a 10 kB name in a 64-character column, a year PostgreSQL
 * has no room for); such an event is refused before the batch is stored, so one bad event
 * never holds up a partition. Orders are valid by construction ({@code Order}); what is
 * left to check is what only the database limits.
 */
final class StorableEvents {

    /** {@code status_changes.done_by}. */
    static final int MAX_BY_LENGTH = 64;
    /** The range of PostgreSQL's {@code timestamptz}: 4713 BC to 294276 AD. */
    static final Instant EARLIEST = LocalDate.of(-4712, 11, 24).atStartOfDay().toInstant(ZoneOffset.UTC);
    static final Instant LATEST = LocalDate.of(294276, 12, 31).atStartOfDay().toInstant(ZoneOffset.UTC);

    private StorableEvents() {
    }

    /** Why the event cannot be stored, or empty when it can. */
    static Optional<String> problem(ShopEvent event) {
        if (event instanceof OrderEvent order) {
            return order.progress().flatMap(progress -> by(progress.by()).or(() -> time("at", progress.at())));
        }
        if (event instanceof WindowTallied tally) {
            return tally.subject().length() > MAX_BY_LENGTH
                    ? Optional.of("the subject is " + tally.subject().length() + " characters long; at most " + MAX_BY_LENGTH + " are stored")
                    : time("windowStart", tally.windowStart()).or(() -> time("windowEnd", tally.windowEnd()))
                            .or(() -> time("at", tally.at()));
        }
        return Optional.empty();
    }

    private static Optional<String> by(String by) {
        return by.length() > MAX_BY_LENGTH
                ? Optional.of("who did it is " + by.length() + " characters long; at most " + MAX_BY_LENGTH + " are stored")
                : Optional.empty();
    }

    private static Optional<String> time(String field, Instant at) {
        return at.isBefore(EARLIEST) || at.isAfter(LATEST)
                ? Optional.of(field + " " + at + " is outside what PostgreSQL can store (" + EARLIEST + " to " + LATEST + ")")
                : Optional.empty();
    }
}
