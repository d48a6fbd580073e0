package dev.chippy.till.order;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.chippy.event.OrderReceipt;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptsTest {

    private static final Instant NOON = Instant.parse("2026-11-21T12:00:00Z");

    private final Receipts receipts = new Receipts(Duration.ofHours(24), 3);

    @Test
    void aNewKeyIsFreshAndThenInFlightForTheSameOrder() {
        CompletableFuture<OrderTicket> first = new CompletableFuture<>();
        assertThat(receipts.claim("k", "order-a", first, NOON)).isInstanceOf(Receipts.Fresh.class);

        Receipts.Claim again = receipts.claim("k", "order-a", new CompletableFuture<>(), NOON);
        assertThat(again).isInstanceOf(Receipts.InFlight.class);
        assertThat(((Receipts.InFlight) again).outcome()).isSameAs(first);
    }

    @Test
    void aKeptKeyReplaysItsTicketForTheSameOrderOnly() {
        OrderTicket ticket = keep("k", "order-a", NOON);

        assertThat(receipts.claim("k", "order-a", new CompletableFuture<>(), NOON.plusSeconds(60)))
                .isEqualTo(new Receipts.Replay(ticket));
        assertThat(receipts.claim("k", "order-b", new CompletableFuture<>(), NOON.plusSeconds(60)))
                .isInstanceOf(Receipts.Conflict.class);
    }

    @Test
    void aReleasedKeyIsFreeAgain() {
        CompletableFuture<OrderTicket> outcome = new CompletableFuture<>();
        receipts.claim("k", "order-a", outcome, NOON);
        receipts.release("k", outcome);

        assertThat(receipts.claim("k", "order-b", new CompletableFuture<>(), NOON)).isInstanceOf(Receipts.Fresh.class);
    }

    @Test
    void aKeyIsForgottenAfterTheRetention() {
        keep("k", "order-a", NOON);

        assertThat(receipts.claim("k", "order-b", new CompletableFuture<>(), NOON.plus(Duration.ofHours(25))))
                .isInstanceOf(Receipts.Fresh.class);
        receipts.expire(NOON.plus(Duration.ofHours(50)));
        assertThat(receipts.size()).isOne();
    }

    @Test
    void pastItsCapacityANewKeyIsRefusedAndEveryKeptKeyStillReplays() {
        OrderTicket first = keep("k1", "order-a", NOON);
        keep("k2", "order-b", NOON);
        keep("k3", "order-c", NOON);

        assertThat(receipts.claim("k4", "order-d", new CompletableFuture<>(), NOON)).isEqualTo(new Receipts.Full(3));
        assertThat(receipts.claim("k1", "order-a", new CompletableFuture<>(), NOON)).isEqualTo(new Receipts.Replay(first));
        assertThat(receipts.size()).isEqualTo(3);
    }

    @Test
    void aKeyOutOfItsRetentionMakesRoomForANewOne() {
        keep("k1", "order-a", NOON);
        keep("k2", "order-b", NOON);
        keep("k3", "order-c", NOON);

        receipts.expire(NOON.plus(Duration.ofHours(25)));
        assertThat(receipts.claim("k4", "order-d", new CompletableFuture<>(), NOON.plus(Duration.ofHours(25))))
                .isInstanceOf(Receipts.Fresh.class);
    }

    private OrderTicket keep(String key, String fingerprint, Instant at) {
        OrderReceipt receipt = new OrderReceipt(UUID.randomUUID(), key, fingerprint, UUID.randomUUID(), "till-1", 4, at);
        receipts.keep(receipt);
        return new OrderTicket(receipt.orderId(), "till-1", 4);
    }
}
