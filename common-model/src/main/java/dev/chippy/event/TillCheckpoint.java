package dev.chippy.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The last number a till has handed out. The till writes it in the same Kafka
 * transaction as the orders, to a compacted topic keyed by till id, and reads it back
 * when it starts, so a restarted till never hands out a number twice.
 */
public record TillCheckpoint(UUID eventId, String tillId, long lastNumber, Instant at) implements ShopEvent {

    public TillCheckpoint {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String key() {
        return tillId;
    }
}
