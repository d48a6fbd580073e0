package dev.chippy.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.chippy.order.OrderStatus;

/**
 * What one event means for its order: the status it moves the order to, when, who did it and
 * why, and the order's till and number as the event knows them. Each {@link OrderEvent} says
 * this of itself, so that whoever keeps orders (the record keeper) needs no case per event type.
 *
 * @param by     who did it: the till for {@code PLACED}, a preparer, the cook
 * @param reason why, for a {@code REJECTED} order; null otherwise
 * @param tillId the order's till; null when the event's writer did not know it (a rejection of
 *               an order whose message could not be read)
 * @param number the till's number of the order; 0 when unknown, like {@code tillId}
 * @param delivery how many times Kafka handed the order to a preparer of a share group, for its
 *                 {@code PREPARING}; 0 when not said (a consumer group's preparer, any other status)
 */
public record OrderProgress(UUID orderId, OrderStatus status, Instant at, String by, String reason, String tillId,
                            long number, int delivery) {

    public OrderProgress(UUID orderId, OrderStatus status, Instant at, String by, String reason, String tillId, long number) {
        this(orderId, status, at, by, reason, tillId, number, 0);
    }

    public OrderProgress {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
    }
}
