package dev.chippy.sink;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.chippy.event.CookRequested;
import dev.chippy.event.FoodCooked;
import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.event.ShopEvent;
import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderStatus;

/** Events as the till, the preparers and the cook write them, for the record keeper's tests. */
public final class ShopEvents {

    private ShopEvents() {
    }

    public static Order order(String tillId, long number, String... items) {
        return new Order(UUID.randomUUID(), tillId, number, Instant.now(),
                java.util.Arrays.stream(items).map(item -> new OrderLine(Menu.standard().item(item), 1)).toList());
    }

    public static OrderPlaced placed(Order order) {
        return OrderPlaced.of(order);
    }

    public static OrderStatusChanged status(Order order, OrderStatus status, String by) {
        return OrderStatusChanged.of(order, status, Instant.now(), by);
    }

    public static FoodCooked cooked(Order order) {
        return FoodCooked.of(CookRequested.of(order, "preparer-1", Instant.now()), "cook-1", Instant.now());
    }

    /** The events of one order's whole life, as the topics would hold them. */
    public static List<ShopEvent> lifeOf(Order order) {
        return order.needsCook()
                ? List.of(placed(order), status(order, OrderStatus.PREPARING, "preparer-1"),
                status(order, OrderStatus.WAITING_FOR_COOK, "preparer-1"), cooked(order),
                status(order, OrderStatus.READY, "preparer-1"))
                : List.of(placed(order), status(order, OrderStatus.PREPARING, "preparer-1"),
                status(order, OrderStatus.READY, "preparer-1"));
    }
}
