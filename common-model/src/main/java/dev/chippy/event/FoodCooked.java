package dev.chippy.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.chippy.menu.Portion;
import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;

/** The cook cooked what was asked for and sends the order back to the preparers. */
public record FoodCooked(UUID eventId, Order order, Map<Portion, Integer> portions,
                         String cookedBy, Instant at) implements OrderEvent {

    public FoodCooked {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(cookedBy, "cookedBy");
        Objects.requireNonNull(at, "at");
        portions = Map.copyOf(Objects.requireNonNull(portions, "portions"));
    }

    public static FoodCooked of(CookRequested request, String cookedBy, Instant at) {
        return new FoodCooked(UUID.randomUUID(), request.order(), request.portions(), cookedBy, at);
    }

    @Override
    @JsonIgnore
    public UUID orderId() {
        return order.id();
    }

    /** The order's plaice is {@code COOKED}, by the cook. */
    @Override
    public Optional<OrderProgress> progress() {
        return Optional.of(new OrderProgress(order.id(), OrderStatus.COOKED, at, cookedBy, null, order.tillId(), order.number()));
    }
}
