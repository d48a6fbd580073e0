package dev.chippy.cook.kitchen;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import dev.chippy.event.CookRequested;
import dev.chippy.event.FoodCooked;
import dev.chippy.event.ShopEvent;
import dev.chippy.service.kafka.DeadLetters;
import dev.chippy.service.kafka.Outgoing;
import dev.chippy.service.kafka.WorkerIdentity;
import dev.chippy.topic.ShopTopic;

/**
 * What the cook does with a request: fries the plaice and sends the order back to the
 * preparers on the cook's own topic. Like the preparer it returns what to publish; the
 * listener publishes it in the transaction that consumes the request.
 *
 * <p>The cook may work several fryers at once ({@code chippy.cook.fryers}): each listener
 * thread, a consumer of its own, has its fryer.
 */
public class Cook {

    private final WorkerIdentity identity;
    private final ThreadLocal<Fryer> fryer;
    private final Clock wallClock;

    Cook(WorkerIdentity identity, Supplier<Fryer> fryers, Clock wallClock) {
        this.identity = identity;
        this.fryer = ThreadLocal.withInitial(fryers);
        this.wallClock = wallClock;
    }

    public List<Outgoing> handle(ShopEvent event) {
        if (!(event instanceof CookRequested request)) {
            throw new DeadLetters.UnexpectedEventException("a cook does not handle " + event.getClass().getSimpleName());
        }
        fryer.get().cook(request.portionCount());
        return List.of(new Outgoing(ShopTopic.COOKED, FoodCooked.of(request, identity.name(), wallClock.instant())));
    }

    /** A new batch of requests starts with an empty fryer. */
    void startBatch() {
        fryer.get().empty();
    }
}
