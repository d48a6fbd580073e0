package dev.chippy.sink.query;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.chippy.order.OrderStatus;
import dev.chippy.sink.record.RecordKeeper;
import dev.chippy.sink.record.StoredBatch;
import dev.chippy.sink.record.StoredBatchListener;

/**
 * Clients waiting for an order to reach a status ({@code GET /orders/{id}?waitFor=READY}).
 * They are woken when a stored batch moves the order far enough, so nobody polls.
 *
 * <p>Each waiter holds a connection: their number is bounded, overall and per client
 * address, so that waiters cannot use up the web server's connections (the health probes
 * need some too) or the record keeper's memory.
 */
@Component
class OrderWatch implements StoredBatchListener {

    private record Waiter(OrderStatus wanted, CompletableFuture<Void> reached) {
    }

    private final Map<UUID, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxWaiters;
    private final int maxPerClient;

    OrderWatch(QueryProperties properties) {
        this.maxWaiters = properties.maxWaiters();
        this.maxPerClient = properties.maxWaitersPerClient();
    }

    /**
     * Completes when the order has been stored at {@code wanted} or beyond.
     *
     * @throws TooManyWaitersException when as many clients wait already as may, overall or from {@code client}
     */
    CompletableFuture<Void> await(UUID orderId, OrderStatus wanted, String client) {
        if (waiting.incrementAndGet() > maxWaiters) {
            waiting.decrementAndGet();
            throw new TooManyWaitersException(HttpStatus.SERVICE_UNAVAILABLE,
                    maxWaiters + " clients are waiting for orders already; try again shortly");
        }
        AtomicInteger fromClient = perClient.computeIfAbsent(client, address -> new AtomicInteger());
        if (fromClient.incrementAndGet() > maxPerClient) {
            release(client);
            throw new TooManyWaitersException(HttpStatus.TOO_MANY_REQUESTS,
                    "this client waits for " + maxPerClient + " orders already");
        }
        Waiter waiter = new Waiter(wanted, new CompletableFuture<>());
        waiters.computeIfAbsent(orderId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        waiter.reached().whenComplete((ignored, failure) -> {
            forget(orderId, waiter);
            release(client);
        });
        return waiter.reached();
    }

    int waiting() {
        return waiting.get();
    }

    private void release(String client) {
        waiting.decrementAndGet();
        perClient.computeIfPresent(client, (address, count) -> count.decrementAndGet() <= 0 ? null : count);
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
