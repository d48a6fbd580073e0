package dev.chippy.preparer.kitchen;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.chippy.event.OrderStatusChanged;
import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.topic.ShopTopic;

import static org.awaitility.Awaitility.await;

/** What the preparers wrote of some orders, as a committed reader of the order-status topic sees it. */
final class OrderStatuses {

    private OrderStatuses() {
    }

    /** Waits until every order is READY; returns each order's READYs (one, if nothing was doubled). */
    static Map<UUID, List<OrderStatusChanged>> awaitReady(KafkaTap tap, List<Order> orders) {
        await("every order is ready").atMost(Duration.ofSeconds(90)).until(() ->
                readyByOrder(tap, orders).size() == orders.size());
        return readyByOrder(tap, orders);
    }

    static Map<UUID, List<OrderStatusChanged>> readyByOrder(KafkaTap tap, List<Order> orders) {
        return of(tap, orders).stream().filter(status -> status.status() == OrderStatus.READY)
                .collect(Collectors.groupingBy(OrderStatusChanged::orderId));
    }

    /** Every status of the orders so far. */
    static List<OrderStatusChanged> of(KafkaTap tap, List<Order> orders) {
        Set<UUID> ids = orders.stream().map(Order::id).collect(Collectors.toSet());
        return tap.events(ShopTopic.ORDER_STATUS, OrderStatusChanged.class).stream()
                .filter(status -> ids.contains(status.orderId())).toList();
    }
}
