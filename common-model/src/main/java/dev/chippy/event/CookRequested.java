package dev.chippy.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.chippy.menu.Portion;
import dev.chippy.order.Order;

/**
 * A preparer asks the cook to cook {@code portions} for {@code order}. It carries the
 * whole order, so the cook can send it straight back and the preparer needs to keep
 * nothing while it waits.
 */
public record CookRequested(UUID eventId, Order order, Map<Portion, Integer> portions,
                            String requestedBy, Instant at) implements OrderEvent {

    public CookRequested {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(at, "at");
        if (portions == null || portions.isEmpty()) {
            throw new IllegalArgumentException("a cook request needs something to cook");
        }
        portions = Map.copyOf(portions);
    }

    public static CookRequested of(Order order, String requestedBy, Instant at) {
        return new CookRequested(UUID.randomUUID(), order, order.portionsCookedToOrder(), requestedBy, at);
    }

    /** How many portions the fryer has to cook for this request. */
    public int portionCount() {
        return portions.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    @JsonIgnore
    public UUID orderId() {
        return order.id();
    }

    /** Nothing by itself: the preparer writes the order's {@code WAITING_FOR_COOK} with the request. */
    @Override
    public Optional<OrderProgress> progress() {
        return Optional.empty();
    }
}
