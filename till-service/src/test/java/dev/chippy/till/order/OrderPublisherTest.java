package dev.chippy.till.order;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.unit.DataSize;

import dev.chippy.event.OrderReceipt;
import dev.chippy.menu.Menu;
import dev.chippy.order.OrderLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * What the till does when Kafka stops answering in the middle of a commit: the caller hears
 * that nobody knows, and once the till has reopened from its ledger a retry with the same
 * Idempotency-Key gets the first answer if the order did land. Kafka is replaced here by a
 * template that fails on command; the real broker is in the integration tests.
 */
class OrderPublisherTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final List<OrderLine> CHIPS = List.of(new OrderLine(Menu.standard().item("chips"), 1));

    private final TillProperties properties = new TillProperties("counter", Duration.ofSeconds(3), 100, 100,
            DataSize.ofKilobytes(64), URI.create("http://localhost:8084"), Duration.ofHours(24), 100_000, 10_000);
    private final TillNumbers numbers = new TillNumbers(10_000);
    private final Receipts receipts = new Receipts(properties.receiptRetention(), properties.maxIdempotencyKeys());
    private OrderPublisher publisher;

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.stop();
        }
    }

    @Test
    void aCommitWithAnUnknownOutcomeIsReportedAsSuchAndSettledFromTheLedger() {
        AtomicInteger transactions = new AtomicInteger();
        KafkaTemplate<Object, Object> kafka = mock();
        KafkaOperations<Object, Object> operations = mock();
        when(operations.send(anyString(), any(), any())).thenReturn(CompletableFuture.completedFuture(null));
        when(kafka.executeInTransaction(any())).thenAnswer(call -> {
            int n = transactions.incrementAndGet();
            Object result = call.<KafkaOperations.OperationsCallback<Object, Object, Object>>getArgument(0)
                    .doInOperations(operations);
            if (n == 2) {
                throw new KafkaException("the broker stopped answering during the commit");
            }
            return result;
        });
        // The ledger read back after reopening shows that the doubtful transaction did commit.
        UUID committedOrder = UUID.randomUUID();
        TillLedger ledger = mock();
        AtomicInteger restores = new AtomicInteger();
        when(ledger.restore(any(), any())).thenAnswer(call -> {
            if (restores.incrementAndGet() == 2) {
                numbers.advance(java.util.Map.of("till-1", 1L));
                receipts.keep(new OrderReceipt(UUID.randomUUID(), "key-1", OrderTaking.fingerprint("till-1", CHIPS),
                        committedOrder, "till-1", 1, NOW));
            }
            return 0L;
        });
        publisher = new OrderPublisher(kafka, ledger, numbers, receipts, properties, Clock.fixed(NOW, ZoneOffset.UTC),
                new SimpleMeterRegistry());
        OrderTaking taking = new OrderTaking(publisher, receipts, numbers, properties, Clock.fixed(NOW, ZoneOffset.UTC));
        publisher.start();
        await().until(publisher::isOpen);

        TillUnavailableException doubt = org.junit.jupiter.api.Assertions.assertThrows(TillUnavailableException.class,
                () -> taking.take("till-1", CHIPS, "key-1"));
        assertThat(doubt.placed()).isNull();

        await("the till reopens from its ledger").until(publisher::isOpen);
        assertThat(taking.take("till-1", CHIPS, "key-1").orderId()).as("the retry gets the first answer")
                .isEqualTo(committedOrder);
        assertThat(taking.take("till-1", CHIPS, null).number()).as("number 1 is never handed out again").isEqualTo(2);
    }

    @Test
    void aTillFencedByAnotherTillServiceStandsDownInsteadOfNumberingAgain() {
        AtomicInteger transactions = new AtomicInteger();
        KafkaTemplate<Object, Object> kafka = mock();
        KafkaOperations<Object, Object> operations = mock();
        when(operations.send(anyString(), any(), any())).thenReturn(CompletableFuture.completedFuture(null));
        when(kafka.executeInTransaction(any())).thenAnswer(call -> {
            if (transactions.incrementAndGet() == 3) {
                throw new KafkaException("Send failed", new ProducerFencedException("another producer has the id"));
            }
            return call.<KafkaOperations.OperationsCallback<Object, Object, Object>>getArgument(0).doInOperations(operations);
        });
        TillLedger ledger = mock();
        publisher = new OrderPublisher(kafka, ledger, numbers, receipts, properties, Clock.fixed(NOW, ZoneOffset.UTC),
                new SimpleMeterRegistry());
        OrderTaking taking = new OrderTaking(publisher, receipts, numbers, properties, Clock.fixed(NOW, ZoneOffset.UTC));
        publisher.start();
        await().until(publisher::isOpen);
        assertThat(taking.take("till-1", CHIPS, null).number()).isEqualTo(1);

        TillUnavailableException fenced = org.junit.jupiter.api.Assertions.assertThrows(TillUnavailableException.class,
                () -> taking.take("till-1", CHIPS, "key-2"));
        assertThat(fenced.placed()).as("a send refused by fencing wrote nothing").isFalse();
        assertThat(publisher.isTakenOver()).isTrue();
        TillUnavailableException closed = org.junit.jupiter.api.Assertions.assertThrows(TillUnavailableException.class,
                () -> taking.take("till-1", CHIPS, null));
        assertThat(closed).hasMessageContaining("another till service has taken over");
        assertThat(transactions).as("no transaction after being fenced").hasValue(3);
    }
}
