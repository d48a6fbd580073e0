package dev.chippy.cook.kitchen;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.chippy.event.CookRequested;
import dev.chippy.event.FoodCooked;
import dev.chippy.event.FoodNotCooked;
import dev.chippy.event.ShopEvent;
import dev.chippy.order.Order;
import dev.chippy.service.kafka.DeadLetters;
import dev.chippy.service.kafka.Outgoing;
import dev.chippy.service.kafka.WorkerIdentity;
import dev.chippy.service.kitchen.KitchenLimits;
import dev.chippy.topic.ShopTopic;

/**
 * What the cook does with a request: fries the plaice (and, when a hot cabinet was short, the
 * order's cod and chips) and sends the order back to the preparers on the cook's own topic. Like the preparer it returns what to publish; the
 * listener publishes it in the transaction that consumes the request.
 *
 * <p>The cook may work several fryers at once ({@code chippy.cook.fryers}): each listener
 * thread, a consumer of its own, has its fryer.
 */
public class Cook {

    private final WorkerIdentity identity;
    private final ThreadLocal<Fryer> fryer;
    private final Clock wallClock;
    private final KitchenLimits kitchen;

    Cook(WorkerIdentity identity, Supplier<Fryer> fryers, Clock wallClock, KitchenLimits kitchen) {
        this.identity = identity;
        this.fryer = ThreadLocal.withInitial(fryers);
        this.wallClock = wallClock;
        this.kitchen = kitchen;
    }

    public List<Outgoing> handle(ShopEvent event) {
        if (!(event instanceof CookRequested request)) {
            throw new DeadLetters.UnexpectedEventException("a cook does not handle " + event.getClass().getSimpleName());
        }
        // Frying more than the limit would outlast the transaction and be tried for ever:
        // such a request goes to the dead-letter topic at once (an IllegalArgumentException never passes).
        int toOrder = request.portions().entrySet().stream().filter(portion -> portion.getKey().cookedToOrder())
                .mapToInt(Map.Entry::getValue).sum();
        kitchen.tooMuch(toOrder).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        fryer.get().cook(toOrder);
        if (toOrder < request.portionCount()) {
            fryer.get().fryCabinetPortions(); // a hot cabinet was short of this order's cod or chips
        }
        return List.of(new Outgoing(ShopTopic.COOKED, FoodCooked.of(request, identity.name(), wallClock.instant())));
    }

    /**
     * The answer to a request that went to the dead-letter topic: the cook says on its own
     * topic that this order's plaice will not come, so the preparer can reject the order
     * instead of leaving it waiting. The order id is the record's key.
     */
    public List<Outgoing> notCooked(ConsumerRecord<String, ShopEvent> record, Exception reason) {
        UUID orderId;
        try {
            orderId = UUID.fromString(String.valueOf(record.key()));
        } catch (IllegalArgumentException notAnOrder) {
            return List.of(); // no order to answer for
        }
        Order order = record.value() instanceof CookRequested request ? request.order() : null;
        return List.of(new Outgoing(ShopTopic.COOKED,
                FoodNotCooked.of(orderId, order, String.valueOf(reason.getMessage()), identity.name(), wallClock.instant())));
    }

    /** A new batch of requests starts with an empty fryer. */
    void startBatch() {
        fryer.get().empty();
    }
}
