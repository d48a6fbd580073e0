package dev.chippy.till.order;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.chippy.event.OrderReceipt;

/**
 * What the till answered to each request that carried an {@code Idempotency-Key}, and
 * which such requests are being written right now. The same key with the same order gets
 * the first answer again; the same key with another order is refused.
 *
 * <p>At most {@code capacity} keys are remembered: past that a new key is refused
 * ({@link Full}) rather than an older one forgotten, so every key keeps its promise for the
 * whole retention, and the till's memory (and the receipts it reads back when it starts)
 * stays bounded whatever a client sends.
 */
public class Receipts {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration retention;
    private final int capacity;

    public Receipts(Duration retention, int capacity) {
        this.retention = retention;
        this.capacity = capacity;
    }

    /** What a request with an idempotency key should do. */
    public sealed interface Claim {
    }

    /** The key is new: place the order; the caller owns the key until it confirms or releases it. */
    public record Fresh() implements Claim {
    }

    /** The key was used for this same order before: answer what was answered then. */
    public record Replay(OrderTicket ticket) implements Claim {
    }

    /** The same order with this key is being written right now: wait for its outcome. */
    public record InFlight(CompletableFuture<OrderTicket> outcome) implements Claim {
    }

    /** The key was used for a different order. */
    public record Conflict() implements Claim {
    }

    /** The key is new, and the till remembers as many keys as it may already. */
    public record Full(int capacity) implements Claim {
    }

    private sealed interface Entry {
        String fingerprint();
    }

    private record Kept(String fingerprint, OrderTicket ticket, Instant at) implements Entry {
    }

    private record Pending(String fingerprint, CompletableFuture<OrderTicket> outcome) implements Entry {
    }

    /**
     * Claims a key for an order with the given fingerprint; {@code outcome} is where the
     * order's result will appear if the claim is {@link Fresh}.
     */
    public Claim claim(String key, String fingerprint, CompletableFuture<OrderTicket> outcome, Instant now) {
        Entry[] found = new Entry[1];
        boolean[] full = {false};
        entries.compute(key, (k, entry) -> {
            if (entry == null && entries.size() >= capacity) {
                full[0] = true;
                return null;
            }
            if (entry == null || entry instanceof Kept kept && expired(kept, now)) {
                return new Pending(fingerprint, outcome);
            }
            found[0] = entry;
            return entry;
        });
        if (full[0]) {
            return new Full(capacity);
        }
        Entry entry = found[0];
        if (entry == null) {
            return new Fresh();
        }
        if (!entry.fingerprint().equals(fingerprint)) {
            return new Conflict();
        }
        return entry instanceof Kept kept ? new Replay(kept.ticket()) : new InFlight(((Pending) entry).outcome());
    }

    /**
     * For an order about to be written under a claimed key: {@link Fresh} while the claim
     * still holds; {@link Replay} or {@link Conflict} when the ledger, read back meanwhile,
     * shows the key was committed already.
     */
    public Claim settled(String key, String fingerprint) {
        Entry entry = entries.get(key);
        if (entry instanceof Kept kept) {
            return kept.fingerprint().equals(fingerprint) ? new Replay(kept.ticket()) : new Conflict();
        }
        return new Fresh();
    }

    /** The order of a claimed key was written: remember the answer. */
    public void keep(OrderReceipt receipt) {
        entries.put(receipt.idempotencyKey(), new Kept(receipt.fingerprint(),
                new OrderTicket(receipt.orderId(), receipt.tillId(), receipt.number()), receipt.at()));
    }

    /** The order of a claimed key was not written: the key is free again. */
    public void release(String key, CompletableFuture<OrderTicket> outcome) {
        entries.computeIfPresent(key, (k, entry) ->
                entry instanceof Pending pending && pending.outcome() == outcome ? null : entry);
    }

    /** Forgets answers older than the retention, as the compacted topic does. */
    public void expire(Instant now) {
        entries.values().removeIf(entry -> entry instanceof Kept kept && expired(kept, now));
    }

    public int size() {
        return entries.size();
    }

    private boolean expired(Kept kept, Instant now) {
        return kept.at().plus(retention).isBefore(now);
    }
}
