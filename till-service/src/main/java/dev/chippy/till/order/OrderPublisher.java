package dev.chippy.till.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderReceipt;
import dev.chippy.event.ShopEvent;
import dev.chippy.event.TillCheckpoint;
import dev.chippy.event.TillServiceOpened;
import dev.chippy.order.Order;
import dev.chippy.topic.ShopTopic;

/**
 * Writes orders to Kafka, many at a time: one thread takes every order waiting, numbers
 * them, and writes them in one Kafka transaction together with each till's last number
 * and the receipts of idempotent requests. Only when the transaction has committed do the
 * waiting requests hear that their orders were placed.
 *
 * <p>This "group commit" is what makes the till fast: a transaction costs a few round
 * trips to the broker however many orders it holds, so under load each one carries many
 * orders, and when the shop is quiet each carries one and returns at once.
 *
 * <p>Numbers are only handed out inside a transaction, on this one thread, so they are
 * gap-free: a transaction that fails gives its numbers back. After any failed transaction
 * the till closes and reopens: its next producer has the same transactional id, so opening
 * it fences the old one and settles whatever transaction that one left (committed or
 * aborted), and only then is the ledger read back. If Kafka stopped answering in the middle
 * of a commit, the ledger then says whether it landed.
 *
 * <p>Only one till service takes orders at a time: a second instance (two replicas, a
 * rolling update) opens with the same transactional id and fences this one, which then
 * stands down for good rather than number a till the other one numbers too. Kafka does not
 * always say "fenced" ({@code ProducerFencedException}); the fenced one may only see its
 * transaction fail. So each opening is written to the ledger ({@link TillServiceOpened}),
 * and a till that reopens after a failure and finds a later opening than its own stands down
 * instead of fencing the other back.
 */
class OrderPublisher implements SmartLifecycle {

    private static final Log LOG = LogFactory.getLog(OrderPublisher.class);
    private static final Duration REOPEN_PAUSE = Duration.ofSeconds(1);
    /** However long an order has waited, its transaction gets this long to be acknowledged. */
    private static final Duration MIN_ACK_WAIT = Duration.ofMillis(500);

    private final KafkaTemplate<Object, Object> kafka;
    private final TillLedger ledger;
    private final TillNumbers numbers;
    private final Receipts receipts;
    private final TillProperties properties;
    private final Clock clock;
    private final BlockingQueue<PendingOrder> queue;
    private final Timer transactions;
    private final DistributionSummary ordersPerTransaction;
    private final Counter refused;

    private volatile boolean running;
    private volatile boolean open;
    /** Set when another till service has fenced this one: it takes no orders any more. */
    private volatile boolean takenOver;
    private boolean openedOnce;
    /** This till service, in its openings on the ledger: unique per process. */
    private final String instance = UUID.randomUUID().toString();
    private Thread worker;

    OrderPublisher(KafkaTemplate<Object, Object> kafka, TillLedger ledger, TillNumbers numbers, Receipts receipts,
                   TillProperties properties, Clock clock, MeterRegistry meters) {
        this.kafka = kafka;
        this.ledger = ledger;
        this.numbers = numbers;
        this.receipts = receipts;
        this.properties = properties;
        this.clock = clock;
        this.queue = new LinkedBlockingQueue<>(properties.queueCapacity());
        this.transactions = Timer.builder("chippy.till.transactions")
                .description("Kafka transactions that wrote orders, and how long each took")
                .publishPercentileHistogram().register(meters);
        this.ordersPerTransaction = DistributionSummary.builder("chippy.till.orders.per.transaction")
                .description("Orders written together in one Kafka transaction").register(meters);
        this.refused = Counter.builder("chippy.till.orders.refused")
                .description("Orders that could not be written to Kafka").register(meters);
        meters.gauge("chippy.till.orders.waiting", queue, BlockingQueue::size);
    }

    /** True once the till has read its memory back from Kafka and takes orders. */
    boolean isOpen() {
        return open;
    }

    /** True once another till service has fenced this one: this one takes no more orders. */
    boolean isTakenOver() {
        return takenOver;
    }

    /** Queues an order; false when the queue is full. */
    boolean offer(PendingOrder order) {
        return running && queue.offer(order);
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::work, "order-publisher");
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<PendingOrder> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(order -> fail(order, TillUnavailableException.notPlaced("the till is closing", null)));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server has finished its requests, which may still be waiting here. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void work() {
        openTill();
        Instant lastExpiry = clock.instant();
        while (running) {
            PendingOrder first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (first != null) {
                List<PendingOrder> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, properties.maxOrdersPerTransaction() - 1);
                batch.removeIf(order -> !order.take());
                if (takenOver) {
                    batch.forEach(order -> fail(order, takenOverFailure()));
                } else {
                    batch.removeIf(this::answeredFromLedger);
                    if (!batch.isEmpty()) {
                        publish(batch);
                    }
                }
            }
            if (Duration.between(lastExpiry, clock.instant()).toMinutes() >= 1) {
                receipts.expire(clock.instant());
                lastExpiry = clock.instant();
            }
        }
    }

    /**
     * Opens the till: the first transaction's producer fences any earlier producer with the
     * till's one transactional id (an earlier instance, or this one's before a failure), which
     * settles the transaction that one left, so the last stable offset is past it; then the
     * ledger is read back. Retries until Kafka answers or the service stops.
     */
    private void openTill() {
        boolean first = !openedOnce;
        while (running && !open && !takenOver) {
            try {
                // Reopening: if another till service opened after this one, it has taken over.
                // Fencing it back would only start a duel; this one stands down instead.
                String last = first ? null : ledger.lastOpener();
                if (last != null && !last.equals(instance)) {
                    standDown("another till service (" + last + ") opened after this one (" + instance + ")");
                    return;
                }
                kafka.executeInTransaction(operations -> send(operations, ShopTopic.TILL_CHECKPOINTS,
                        new TillServiceOpened(UUID.randomUUID(), instance, clock.instant())));
                long read = ledger.restore(numbers, receipts);
                open = true;
                openedOnce = true;
                LOG.info("The till is open (" + instance + "): read " + read + " ledger records; " + numbers.count() + " tills, "
                        + receipts.size() + " idempotency keys");
            } catch (RuntimeException e) {
                if (isFenced(e)) {
                    standDown("its producer was fenced while opening");
                    return;
                }
                LOG.warn("The till cannot open yet (" + e.getMessage() + "); trying again in " + REOPEN_PAUSE.toSeconds() + " s");
                try {
                    Thread.sleep(REOPEN_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void standDown(String why) {
        LOG.error("Another till service has taken over the tills: " + why + ". This one takes no more orders.");
        takenOver = true;
        open = false;
    }

    private void publish(List<PendingOrder> batch) {
        Instant now = clock.instant();
        Map<String, Long> lastNumbers = new LinkedHashMap<>();
        Map<PendingOrder, Order> orders = new LinkedHashMap<>();
        for (PendingOrder pending : batch) {
            long number = lastNumbers.merge(pending.tillId, numbers.last(pending.tillId) + 1, (last, first) -> last + 1);
            orders.put(pending, new Order(UUID.randomUUID(), pending.tillId, number, now, pending.lines));
        }
        List<OrderReceipt> newReceipts = new ArrayList<>();
        orders.forEach((pending, order) -> {
            if (pending.idempotencyKey != null) {
                newReceipts.add(new OrderReceipt(UUID.randomUUID(), pending.idempotencyKey, pending.fingerprint,
                        order.id(), order.tillId(), order.number(), now));
            }
        });
        boolean[] written = {false};
        boolean[] answered = {false};
        // The writes are acknowledged within the publish timeout of the order waiting longest,
        // or not at all: a broker that has gone away gets the requests refused in that time,
        // not after the producer's own, longer, bounds.
        long oldest = batch.stream().mapToLong(pending -> pending.deadline).min().orElseThrow();
        long ackWait = Math.max(oldest - System.nanoTime(), MIN_ACK_WAIT.toNanos());
        Timer.Sample sample = Timer.start();
        try {
            kafka.executeInTransaction(operations -> {
                List<CompletableFuture<?>> acks = new ArrayList<>();
                orders.values().forEach(order -> acks.add(send(operations, ShopTopic.ORDERS, OrderPlaced.of(order))));
                newReceipts.forEach(receipt -> acks.add(send(operations, ShopTopic.ORDER_RECEIPTS, receipt)));
                lastNumbers.forEach((tillId, last) -> acks.add(send(operations, ShopTopic.TILL_CHECKPOINTS,
                        new TillCheckpoint(UUID.randomUUID(), tillId, last, now))));
                try {
                    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ackWait, TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // Not acknowledged: the transaction is aborted, so nothing of it is ever
                    // visible, and the requests hear so now rather than after the abort.
                    TillUnavailableException failure = TillUnavailableException.notPlaced("Kafka did not take the order",
                            e.getCause() != null ? e.getCause() : e);
                    batch.forEach(pending -> fail(pending, failure));
                    answered[0] = true;
                    throw new KafkaException("the orders were not acknowledged: " + rootMessage(e), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaException("interrupted while writing orders", e);
                }
                written[0] = true;
                return null;
            });
        } catch (RuntimeException e) {
            if (isFenced(e)) {
                // Another till service opened with the till's transactional id. Its ledger read
                // came after it fenced this one, so it knows everything this one committed; this
                // one's memory is stale from now on, and it must not number another order.
                TillUnavailableException failure = written[0] ? TillUnavailableException.outcomeUnknown(e) : takenOverFailure();
                LOG.error("Another till service has taken over the tills (this one's producer was fenced); "
                        + "this one takes no more orders. " + batch.size() + " order(s) in the last transaction: "
                        + (written[0] ? "outcome unknown" : "not placed"));
                takenOver = true;
                open = false;
                if (!answered[0]) {
                    batch.forEach(pending -> {
                        refused.increment();
                        pending.outcome.completeExceptionally(failure);
                    });
                }
                return;
            }
            if (!written[0]) {
                TillUnavailableException failure = TillUnavailableException.notPlaced("Kafka did not take the order", e);
                LOG.warn("Could not write " + batch.size() + " order(s): " + rootMessage(e) + "; reopening the till");
                if (!answered[0]) {
                    batch.forEach(pending -> fail(pending, failure));
                }
            } else {
                // The commit itself failed or timed out: it may have landed. Reopening fences the
                // producer (which settles that transaction one way or the other) before the
                // ledger is read: then the till knows which of these orders, numbers and
                // idempotency keys were committed.
                TillUnavailableException failure = TillUnavailableException.outcomeUnknown(e);
                LOG.error("The commit of " + batch.size() + " orders has an unknown outcome: " + rootMessage(e)
                        + "; reopening the till from its ledger");
                batch.forEach(pending -> {
                    refused.increment();
                    pending.outcome.completeExceptionally(failure);
                });
            }
            // Whatever failed, the next transaction has a new producer: reopen, so that the
            // ledger is read after it has fenced its predecessor, never before.
            open = false;
            openTill();
            // Keys whose orders were committed are now kept receipts; the others are free again.
            batch.stream().filter(pending -> pending.idempotencyKey != null)
                    .forEach(pending -> receipts.release(pending.idempotencyKey, pending.outcome));
            return;
        } finally {
            sample.stop(transactions);
        }
        numbers.advance(lastNumbers);
        newReceipts.forEach(receipts::keep);
        ordersPerTransaction.record(batch.size());
        orders.forEach((pending, order) ->
                pending.outcome.complete(new OrderTicket(order.id(), order.tillId(), order.number())));
    }

    /**
     * True when the ledger, read back while this order waited, shows that its idempotency key
     * was committed already (by this till before a failure, or by an instance it fenced): the
     * order is answered from the receipt instead of being written a second time.
     */
    private boolean answeredFromLedger(PendingOrder pending) {
        if (pending.idempotencyKey == null) {
            return false;
        }
        Receipts.Claim claim = receipts.settled(pending.idempotencyKey, pending.fingerprint);
        if (claim instanceof Receipts.Replay replay) {
            pending.outcome.complete(replay.ticket());
            return true;
        }
        if (claim instanceof Receipts.Conflict) {
            pending.outcome.completeExceptionally(new IdempotencyKeyReusedException(pending.idempotencyKey));
            return true;
        }
        return false;
    }

    private static TillUnavailableException takenOverFailure() {
        return TillUnavailableException.notPlaced("another till service has taken over the tills", null);
    }

    /** The producer was fenced: another producer opened with the till's transactional id. */
    static boolean isFenced(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ProducerFencedException) {
                return true;
            }
        }
        return false;
    }

    private void fail(PendingOrder pending, TillUnavailableException failure) {
        refused.increment();
        if (pending.idempotencyKey != null) {
            receipts.release(pending.idempotencyKey, pending.outcome);
        }
        pending.outcome.completeExceptionally(failure);
    }

    private static CompletableFuture<?> send(KafkaOperations<Object, Object> operations, ShopTopic topic, ShopEvent event) {
        return operations.send(topic.topicName(), event.key(), event);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
