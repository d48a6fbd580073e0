package dev.chippy.sink.query;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.chippy.order.OrderStatus;
import dev.chippy.sink.record.RecordKeeper;
import dev.chippy.sink.record.StoredBatch;
import dev.chippy.sink.record.StoredBatchListener;

/**
 * Clients waiting for an order to reach a status ({@code GET /orders/{id}?waitFor=READY}).
 * They are woken when a stored batch moves the order far enough, so nobody polls.
 */
@Component
class OrderWatch implements StoredBatchListener {

    private record Waiter(OrderStatus wanted, CompletableFuture<Void> reached) {
    }

    private final Map<UUID, Set<Waiter>> waiters = new ConcurrentHashMap<>();

    /** Completes when the order has been stored at {@code wanted} or beyond. */
    CompletableFuture<Void> await(UUID orderId, OrderStatus wanted) {
        Waiter waiter = new Waiter(wanted, new CompletableFuture<>());
        waiters.computeIfAbsent(orderId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        waiter.reached().whenComplete((ignored, failure) -> forget(orderId, waiter));
        return waiter.reached();
    }

    @Override
    public void stored(StoredBatch batch) {
        if (waiters.isEmpty()) {
            return;
        }
        for (RecordKeeper.Moved order : batch.moved()) {
            Set<Waiter> waiting = waiters.get(order.orderId());
            if (waiting != null) {
                waiting.stream().filter(waiter -> !waiter.wanted().isAfter(order.status()))
                        .forEach(waiter -> waiter.reached().complete(null));
            }
        }
    }

    private void forget(UUID orderId, Waiter waiter) {
        waiters.computeIfPresent(orderId, (id, waiting) -> {
            waiting.remove(waiter);
            return waiting.isEmpty() ? null : waiting;
        });
    }
}
