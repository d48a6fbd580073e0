package dev.chippy.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;

/**
 * An order moved on: who moved it, to what, when. Written by the preparers to the
 * order-status topic. It carries the till and the order number so a screen can show
 * "Order ready 17" without looking the order up.
 *
 * @param by       who did it: {@code preparer-1}, {@code cook-1}
 * @param reason   why, for a {@code REJECTED} order; null otherwise (and absent from older writers)
 * @param delivery for a {@code PREPARING} by a preparer of a share group (Kafka queues): how many
 *                 times Kafka has handed the order out, this time included; 2 or more when it was
 *                 handed out again (a preparer died holding it, or let it go). Null otherwise
 */
public record OrderStatusChanged(UUID eventId, UUID orderId, String tillId, long number,
                                 OrderStatus status, Instant at, String by,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Integer delivery) implements OrderEvent {

    public OrderStatusChanged {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
    }

    public OrderStatusChanged(UUID eventId, UUID orderId, String tillId, long number, OrderStatus status, Instant at, String by,
                              String reason) {
        this(eventId, orderId, tillId, number, status, at, by, reason, null);
    }

    public OrderStatusChanged(UUID eventId, UUID orderId, String tillId, long number, OrderStatus status, Instant at, String by) {
        this(eventId, orderId, tillId, number, status, at, by, null, null);
    }

    /** The same status, saying how many times Kafka has handed the order out ({@code delivery}). */
    public OrderStatusChanged handedOut(int delivery) {
        return new OrderStatusChanged(eventId, orderId, tillId, number, status, at, by, reason, delivery);
    }

    /**
     * The order reached {@code status}. Every status but {@code PREPARING} happens to an order
     * once, so its event id is the order's id and the status, not a random one: whoever writes
     * it twice (a preparer of a share group handed the same order again after another died
     * holding it) writes the same event, and a reader that keeps events by id keeps one. A
     * {@code PREPARING} is news each time a preparer picks the order up.
     */
    public static OrderStatusChanged of(Order order, OrderStatus status, Instant at, String by) {
        return new OrderStatusChanged(idOf(order.id(), status), order.id(), order.tillId(), order.number(), status, at, by);
    }

    /** The order cannot be made; {@code reason} says why. Till and number are null and 0 when unknown. */
    public static OrderStatusChanged rejected(UUID orderId, String tillId, long number, Instant at, String by, String reason) {
        return new OrderStatusChanged(idOf(orderId, OrderStatus.REJECTED), orderId, tillId, number, OrderStatus.REJECTED, at, by,
                reason);
    }

    /** The event id of an order's {@code status}: the same every time, except for {@code PREPARING}. */
    static UUID idOf(UUID orderId, OrderStatus status) {
        if (status == OrderStatus.PREPARING) {
            return UUID.randomUUID();
        }
        return UUID.nameUUIDFromBytes((orderId + "/" + status.name()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<OrderProgress> progress() {
        return Optional.of(new OrderProgress(orderId, status, at, by, reason, tillId, number, delivery == null ? 0 : delivery));
    }
}
