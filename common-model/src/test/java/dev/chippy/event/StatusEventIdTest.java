package dev.chippy.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chippy.menu.MenuItem;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order's status written twice, by two preparers of a share group that were both handed the
 * order, is one event: readers that keep events by id keep it once. Only PREPARING is news
 * each time.
 */
class StatusEventIdTest {

    private final Order order = order(7);

    private static Order order(long number) {
        return new Order(UUID.randomUUID(), "till-1", number, Instant.now(), List.of(new OrderLine(MenuItem.fromId("cod-and-chips"), 1)));
    }

    @Test
    void aStatusWrittenTwiceIsTheSameEvent() {
        OrderStatusChanged first = OrderStatusChanged.of(order, OrderStatus.READY, Instant.now(), "preparer-1");
        OrderStatusChanged again = OrderStatusChanged.of(order, OrderStatus.READY, Instant.now(), "preparer-2");
        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(OrderStatusChanged.rejected(order.id(), "till-1", 7, Instant.now(), "preparer-1", "why").eventId())
                .isEqualTo(OrderStatusChanged.rejected(order.id(), "till-1", 7, Instant.now(), "preparer-2", "why").eventId());
    }

    @Test
    void eachStatusOfAnOrderAndEachOrderHasItsOwnEvent() {
        Order another = order(8);
        assertThat(OrderStatusChanged.of(order, OrderStatus.WAITING_FOR_COOK, Instant.now(), "preparer-1").eventId())
                .isNotEqualTo(OrderStatusChanged.of(order, OrderStatus.READY, Instant.now(), "preparer-1").eventId())
                .isNotEqualTo(OrderStatusChanged.of(another, OrderStatus.WAITING_FOR_COOK, Instant.now(), "preparer-1").eventId());
    }

    @Test
    void everyPickUpOfAnOrderIsNews() {
        assertThat(OrderStatusChanged.of(order, OrderStatus.PREPARING, Instant.now(), "preparer-1").eventId())
                .isNotEqualTo(OrderStatusChanged.of(order, OrderStatus.PREPARING, Instant.now(), "preparer-2").eventId());
    }
}
