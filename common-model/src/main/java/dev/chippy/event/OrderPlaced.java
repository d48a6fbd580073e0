package dev.chippy.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;

/** A till took an order. Written by the till to the orders topic. */
public record OrderPlaced(UUID eventId, Order order) implements OrderEvent {

    public OrderPlaced {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(order, "order");
    }

    public static OrderPlaced of(Order order) {
        return new OrderPlaced(UUID.randomUUID(), order);
    }

    @Override
    @JsonIgnore
    public UUID orderId() {
        return order.id();
    }

    @Override
    @JsonIgnore
    public Instant at() {
        return order.placedAt();
    }

    /** The order is {@code PLACED}, by its till. */
    @Override
    public Optional<OrderProgress> progress() {
        return Optional.of(new OrderProgress(order.id(), OrderStatus.PLACED, order.placedAt(), order.tillId(), null,
                order.tillId(), order.number()));
    }
}
