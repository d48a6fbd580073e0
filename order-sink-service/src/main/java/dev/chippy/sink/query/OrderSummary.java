package dev.chippy.sink.query;

import java.time.Instant;
import java.util.UUID;

import dev.chippy.order.OrderStatus;
import dev.chippy.order.OrderText;
import dev.chippy.sink.record.StoredOrder;

/** One order in {@code GET /orders}. */
public record OrderSummary(UUID orderId, String tillId, long number, String text, OrderStatus status,
                           Instant placedAt, Instant readyAt, int totalPence) {

    static OrderSummary of(StoredOrder order) {
        return new OrderSummary(order.id(), order.tillId(), order.number(), OrderText.placed(order.toOrder()),
                order.status(), order.placedAt(), order.readyAt(), order.totalPence());
    }
}
