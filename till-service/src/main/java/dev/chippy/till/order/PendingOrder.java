package dev.chippy.till.order;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chippy.order.OrderLine;

/**
 * An order waiting for the {@link OrderPublisher} to write it. Exactly one of two things
 * happens to it: the publisher takes it into a transaction, or the request gives up
 * waiting and abandons it. After that, only the publisher decides its outcome.
 */
final class PendingOrder {

    private static final int WAITING = 0;
    private static final int TAKEN = 1;
    private static final int ABANDONED = 2;

    final String tillId;
    final List<OrderLine> lines;
    /** Null when the request carried no {@code Idempotency-Key}. */
    final String idempotencyKey;
    final String fingerprint;
    final CompletableFuture<OrderTicket> outcome = new CompletableFuture<>();
    /** When the request stops waiting ({@link System#nanoTime()}): by then the order is written, or refused. */
    final long deadline;
    private final AtomicInteger state = new AtomicInteger(WAITING);

    PendingOrder(String tillId, List<OrderLine> lines, String idempotencyKey, String fingerprint, Duration publishTimeout) {
        this.deadline = System.nanoTime() + publishTimeout.toNanos();
        this.tillId = tillId;
        this.lines = lines;
        this.idempotencyKey = idempotencyKey;
        this.fingerprint = fingerprint;
    }

    /** The publisher takes the order; false when the request has already given up. */
    boolean take() {
        return state.compareAndSet(WAITING, TAKEN);
    }

    /** The request gives up; false when the publisher has already taken the order. */
    boolean abandon() {
        return state.compareAndSet(WAITING, ABANDONED);
    }
}
