package dev.chippy.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.chippy.order.Order;

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
}
