package dev.chippy.sink.record;

import java.time.Instant;

import dev.chippy.order.OrderStatus;

/**
 * How far one order has got: its status, since when, and when it was READY. The one place
 * where the record keeper decides what a status event does to an order.
 */
final class Standing {

    private OrderStatus status;
    private Instant statusAt;
    private Instant readyAt;

    Standing(OrderStatus status, Instant statusAt, Instant readyAt) {
        this.status = status;
        this.statusAt = statusAt;
        this.readyAt = readyAt;
    }

    /** An order just placed at {@code at}. */
    static Standing placedAt(Instant at) {
        return new Standing(OrderStatus.PLACED, at, null);
    }

    /**
     * Moves the order on to {@code reported} if that is further than it has got; a late or
     * repeated status changes nothing, and nothing moves an order that is READY or REJECTED.
     * Returns whether the order moved.
     */
    boolean hear(OrderStatus reported, Instant at) {
        if (status.advancedTo(reported) == status) {
            return false;
        }
        status = reported;
        statusAt = at;
        if (reported == OrderStatus.READY) {
            readyAt = at;
        }
        return true;
    }

    OrderStatus status() {
        return status;
    }

    Instant statusAt() {
        return statusAt;
    }

    /** When the order became READY; null until then. */
    Instant readyAt() {
        return readyAt;
    }
}
