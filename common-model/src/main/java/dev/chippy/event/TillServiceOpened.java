package dev.chippy.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A till service opened: written to the till checkpoints (compacted, one key, so the last
 * one is kept) in the transaction that opens it, by the producer that has just fenced every
 * earlier one. A till service that finds another one's opening after its own has been taken
 * over, and stands down instead of fencing it back.
 *
 * @param instance the opening till service, unique per process
 */
public record TillServiceOpened(UUID eventId, String instance, Instant at) implements ShopEvent {

    /** The one key of these events: only the latest opening matters. */
    public static final String KEY = "till-service";

    public TillServiceOpened {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String key() {
        return KEY;
    }
}
