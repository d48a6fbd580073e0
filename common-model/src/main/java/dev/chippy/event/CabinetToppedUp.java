package dev.chippy.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.chippy.menu.Portion;

/**
 * The cook fried portions ahead and put them in a hot cabinet. Written by the cook to the
 * cooked topic, into the partition whose number is the cabinet's: the preparer that owns that
 * partition owns the cabinet, and adds them to its stock.
 *
 * @param cabinet  the cabinet's number: the partition of the orders it serves
 * @param portions what was put in
 */
public record CabinetToppedUp(UUID eventId, int cabinet, Map<Portion, Integer> portions, String cookedBy, Instant at)
        implements ShopEvent {

    public CabinetToppedUp {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(cookedBy, "cookedBy");
        Objects.requireNonNull(at, "at");
        portions = Map.copyOf(Objects.requireNonNull(portions, "portions"));
        if (cabinet < 0) {
            throw new IllegalArgumentException("cabinet " + cabinet);
        }
    }

    @Override
    public String key() {
        return CabinetStocked.keyOf(cabinet);
    }
}
