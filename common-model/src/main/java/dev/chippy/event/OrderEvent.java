package dev.chippy.event;

import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event about one order. It is keyed by the order id, so every event of one order
 * lands in the same partition number of each topic and keeps its order there.
 */
public sealed interface OrderEvent extends ShopEvent
        permits OrderPlaced, OrderStatusChanged, CookRequested, FoodCooked, FoodNotCooked {

    UUID orderId();

    /**
     * What this event means for its order, or empty when it moves the order nowhere by itself
     * (a request to the cook, and the cook's failure: the preparer's own status follows each).
     */
    @JsonIgnore
    Optional<OrderProgress> progress();

    @Override
    default String key() {
        return orderId().toString();
    }
}
