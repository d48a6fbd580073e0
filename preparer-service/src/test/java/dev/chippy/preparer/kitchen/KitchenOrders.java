package dev.chippy.preparer.kitchen;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;

/** Orders as a till would write them, for the kitchen's tests. */
final class KitchenOrders {

    private static final AtomicLong NUMBERS = new AtomicLong();

    private KitchenOrders() {
    }

    static Order codAndChips() {
        return order(line("cod-and-chips", 1), line("large-chips", 1));
    }

    static Order withPlaice() {
        return order(line("cod-and-chips", 1), line("plaice-and-chips", 2));
    }

    static Order order(OrderLine... lines) {
        return new Order(UUID.randomUUID(), "till-1", NUMBERS.incrementAndGet(), Instant.now(), List.of(lines));
    }

    static OrderLine line(String item, int quantity) {
        return new OrderLine(Menu.standard().item(item), quantity);
    }
}
