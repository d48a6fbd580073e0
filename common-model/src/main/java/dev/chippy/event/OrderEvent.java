package dev.chippy.event;

import java.util.UUID;

/**
 * An event about one order. It is keyed by the order id, so every event of one order
 * lands in the same partition number of each topic and keeps its order there.
 */
public sealed interface OrderEvent extends ShopEvent
        permits OrderPlaced, OrderStatusChanged, CookRequested, FoodCooked, FoodNotCooked {

    UUID orderId();

    @Override
    default String key() {
        return orderId().toString();
    }
}
