package dev.chippy.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.chippy.order.Order;

/**
 * The cook could not cook an order's plaice: its request went to the dead-letter topic. The
 * cook says so on its own topic, so that the preparer, who writes the order's statuses, ends
 * the order {@code REJECTED} instead of leaving it waiting for the cook.
 *
 * @param order  the order, when the request could be read; null when it could not
 * @param reason why the request went to the dead-letter topic
 * @param by     the cook ({@code cook-1})
 */
public record FoodNotCooked(UUID eventId, UUID orderId, Order order, String reason, String by, Instant at)
        implements OrderEvent {

    public FoodNotCooked {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }

    public static FoodNotCooked of(UUID orderId, Order order, String reason, String by, Instant at) {
        return new FoodNotCooked(UUID.randomUUID(), orderId, order, reason, by, at);
    }

    /** Nothing by itself: the preparer answers it with the order's {@code REJECTED}. */
    @Override
    public Optional<OrderProgress> progress() {
        return Optional.empty();
    }
}
