package dev.chippy.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;

/**
 * An order moved on: who moved it, to what, when. Written by the preparers to the
 * order-status topic. It carries the till and the order number so a screen can show
 * "Order ready 17" without looking the order up.
 *
 * @param by who did it: {@code preparer-1}, {@code cook-1}
 */
public record OrderStatusChanged(UUID eventId, UUID orderId, String tillId, long number,
                                 OrderStatus status, Instant at, String by) implements OrderEvent {

    public OrderStatusChanged {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
    }

    public static OrderStatusChanged of(Order order, OrderStatus status, Instant at, String by) {
        return new OrderStatusChanged(UUID.randomUUID(), order.id(), order.tillId(), order.number(), status, at, by);
    }
}
