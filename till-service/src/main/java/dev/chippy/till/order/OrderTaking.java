package dev.chippy.till.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Service;

import dev.chippy.order.OrderLine;

/**
 * Takes an order at a till: the one path every order follows, whether it came over REST
 * or from a simulated till. It returns once the order is safely in Kafka, or throws.
 */
@Service
public class OrderTaking {

    /**
     * Once the publisher has taken an order into a transaction, its outcome comes within
     * the producer's own bounds (max.block.ms, delivery.timeout.ms); this only guards
     * against a bug, so that no request can wait for ever.
     */
    private static final Duration OUTCOME_BOUND = Duration.ofSeconds(30);

    private final OrderPublisher publisher;
    private final Receipts receipts;
    private final TillNumbers numbers;
    private final Duration publishTimeout;
    private final Clock clock;

    OrderTaking(OrderPublisher publisher, Receipts receipts, TillNumbers numbers, TillProperties properties, Clock clock) {
        this.publisher = publisher;
        this.receipts = receipts;
        this.numbers = numbers;
        this.publishTimeout = properties.publishTimeout();
        this.clock = clock;
    }

    /**
     * Places an order.
     *
     * @param idempotencyKey null, or a key that makes a retried request safe: the same key
     *                       with the same order returns the first ticket and writes nothing
     * @throws TillUnavailableException       when Kafka did not take the order in time
     * @throws IdempotencyKeyReusedException  when the key was used for a different order
     * @throws TillFullException              when the till remembers as many tills or keys as it may
     */
    public OrderTicket take(String tillId, List<OrderLine> lines, String idempotencyKey) {
        if (publisher.isTakenOver()) {
            throw TillUnavailableException.notPlaced("another till service has taken over the tills", null);
        }
        if (!publisher.isOpen()) {
            throw TillUnavailableException.notPlaced("the till is still opening (reading its ledger from Kafka)", null);
        }
        if (!numbers.admit(tillId)) {
            throw new TillFullException("Too many tills", "the shop knows " + numbers.capacity()
                    + " tills already, and takes no orders from another");
        }
        String fingerprint = idempotencyKey == null ? null : fingerprint(tillId, lines);
        PendingOrder order = new PendingOrder(tillId, List.copyOf(lines), idempotencyKey, fingerprint, publishTimeout);
        if (idempotencyKey != null) {
            Receipts.Claim claim = receipts.claim(idempotencyKey, fingerprint, order.outcome, clock.instant());
            if (claim instanceof Receipts.Replay replay) {
                return replay.ticket();
            }
            if (claim instanceof Receipts.InFlight inFlight) {
                return await(inFlight.outcome(), OUTCOME_BOUND.plus(publishTimeout));
            }
            if (claim instanceof Receipts.Conflict) {
                throw new IdempotencyKeyReusedException(idempotencyKey);
            }
            if (claim instanceof Receipts.Full full) {
                throw new TillFullException("Too many idempotency keys", "the till remembers " + full.capacity()
                        + " idempotency keys already; send the order without one, or again later");
            }
            // Fresh: the key is ours, place the order.
        }
        if (!publisher.offer(order)) {
            giveUp(order, "too many orders are waiting to be written");
        }
        try {
            return order.outcome.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (order.abandon()) {
                giveUp(order, "Kafka did not take the order within " + publishTimeout.toMillis() + " ms");
            }
            // The publisher has it: its outcome is coming.
            return await(order.outcome, OUTCOME_BOUND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (order.abandon()) {
                giveUp(order, "the request was interrupted");
            }
            throw TillUnavailableException.outcomeUnknown(e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private void giveUp(PendingOrder order, String why) {
        TillUnavailableException failure = TillUnavailableException.notPlaced(why, null);
        if (order.idempotencyKey != null) {
            receipts.release(order.idempotencyKey, order.outcome);
        }
        order.outcome.completeExceptionally(failure);
        throw failure;
    }

    private static OrderTicket await(CompletableFuture<OrderTicket> outcome, Duration bound) {
        try {
            return outcome.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw TillUnavailableException.outcomeUnknown(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TillUnavailableException.outcomeUnknown(e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(ExecutionException e) {
        return e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }

    /** A digest of what was ordered where: the same order always has the same fingerprint. */
    static String fingerprint(String tillId, List<OrderLine> lines) {
        StringBuilder canonical = new StringBuilder(tillId);
        for (OrderLine line : lines) {
            canonical.append('|').append(line.item().id()).append('*').append(line.quantity());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
