package dev.chippy.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.chippy.menu.Portion;

/**
 * A hot cabinet's stock after a change, and the change. Written only by the preparer that owns
 * the cabinet (the owner of its partition of the orders), in the same Kafka transaction as the
 * order or top-up that changed it, to the cabinet's partition of the compacted cabinet topic:
 * the latest record of each cabinet is its stock, and a preparer that takes a cabinet over
 * reads it back from there.
 *
 * @param cabinet the cabinet's number: the partition of the orders it serves
 * @param stock   what is in it now
 * @param change  what happened
 * @param moved   what the change took out (an order's portions) or put in (a top-up); what the
 *                order needed, for {@link Change#SHORT}
 * @param orderId the order, for {@link Change#TAKEN} and {@link Change#SHORT}
 * @param topUpId the cook's top-up ({@link CabinetToppedUp#eventId()}), for {@link Change#TOPPED_UP}
 */
public record CabinetStocked(UUID eventId, int cabinet, Map<Portion, Integer> stock, Change change,
                             Map<Portion, Integer> moved,
                             @JsonInclude(JsonInclude.Include.NON_NULL) UUID orderId,
                             @JsonInclude(JsonInclude.Include.NON_NULL) UUID topUpId,
                             String by, Instant at) implements ShopEvent {

    /** What happened to the stock. */
    public enum Change {
        /** An order's portions were taken out. */
        TAKEN,
        /** The cook's portions were put in. */
        TOPPED_UP,
        /** An order needed more than there was: nothing was taken, and the cook fries the order's portions. */
        SHORT
    }

    public CabinetStocked {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        stock = Map.copyOf(Objects.requireNonNull(stock, "stock"));
        moved = Map.copyOf(Objects.requireNonNull(moved, "moved"));
        stock.forEach((portion, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException("cabinet " + cabinet + " cannot hold " + count + " " + portion);
            }
        });
    }

    /** {@code cabinet-2}. */
    public static String keyOf(int cabinet) {
        return "cabinet-" + cabinet;
    }

    @Override
    public String key() {
        return keyOf(cabinet);
    }
}
