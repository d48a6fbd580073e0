package dev.chippy.preparer.kitchen;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.chippy.event.CabinetStocked;
import dev.chippy.event.CabinetToppedUp;
import dev.chippy.event.CookRequested;
import dev.chippy.event.FoodCooked;
import dev.chippy.event.FoodNotCooked;
import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.event.ShopEvent;
import dev.chippy.menu.Portion;
import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;
import dev.chippy.service.kafka.DeadLetters;
import dev.chippy.service.kafka.Outgoing;
import dev.chippy.service.kafka.ShopPartitions;
import dev.chippy.service.kafka.WorkerIdentity;
import dev.chippy.service.kitchen.KitchenLimits;
import dev.chippy.service.time.ShopClock;
import dev.chippy.preparer.cabinet.HotCabinets;
import dev.chippy.topic.ShopTopic;

/**
 * What a preparer does with an order: an order without plaice is prepared and ready; an
 * order with plaice goes to the cook, and the preparer moves straight on to the next
 * order; when the cooked plaice comes back, it prepares that order and it is ready. In a shop
 * with hot cabinets, cod and chips come out of the cabinet of the order's partition when there
 * are enough; when there are not, the cook fries the whole order.
 *
 * <p>It returns what should be published rather than publishing it: the listener writes
 * the results in the same Kafka transaction that consumes the input.
 */
public class Preparer {

    private final WorkerIdentity identity;
    private final ShopClock clock;
    private final Clock wallClock;
    private final KitchenLimits kitchen;
    /** The hot cabinets of the partitions this preparer owns; null when the shop has none (cod and chips always to hand). */
    private final HotCabinets cabinets;
    private final int partitions;

    /** A preparer of a shop without hot cabinets, as in the talk's demos. */
    public Preparer(WorkerIdentity identity, ShopClock clock, Clock wallClock, KitchenLimits kitchen) {
        this(identity, clock, wallClock, kitchen, null, 1);
    }

    /**
     * @param cabinets   the hot cabinets, or null for none
     * @param partitions the orders' partitions: an order's cabinet is its partition's number
     */
    public Preparer(WorkerIdentity identity, ShopClock clock, Clock wallClock, KitchenLimits kitchen, HotCabinets cabinets,
                    int partitions) {
        this.identity = identity;
        this.clock = clock;
        this.wallClock = wallClock;
        this.kitchen = kitchen;
        this.cabinets = cabinets;
        this.partitions = partitions;
    }

    public List<Outgoing> handle(ShopEvent event) {
        if (event instanceof OrderPlaced placed) {
            return start(placed.order());
        }
        if (event instanceof FoodCooked cooked) {
            return finish(cooked.order());
        }
        if (event instanceof CabinetToppedUp toppedUp) {
            return toppedUp(toppedUp);
        }
        if (event instanceof FoodNotCooked notCooked) {
            Order order = notCooked.order();
            return List.of(new Outgoing(ShopTopic.ORDER_STATUS, OrderStatusChanged.rejected(notCooked.orderId(),
                    order == null ? null : order.tillId(), order == null ? 0 : order.number(), wallClock.instant(),
                    identity.name(), "the cook could not cook it: " + notCooked.reason())));
        }
        throw new DeadLetters.UnexpectedEventException("a preparer does not handle " + event.getClass().getSimpleName());
    }

    /** The status a preparer announces the moment it picks an order up. */
    public OrderStatusChanged preparing(Order order) {
        return status(order, OrderStatus.PREPARING);
    }

    /**
     * The answer to an order whose message went to a dead-letter topic: it ends
     * {@code REJECTED}, with the reason, instead of waiting for ever. The order's id is the
     * record's key; its till and number come from the event when it could be read.
     */
    public List<Outgoing> rejected(ConsumerRecord<String, ShopEvent> record, Exception reason) {
        UUID orderId;
        try {
            orderId = UUID.fromString(String.valueOf(record.key()));
        } catch (IllegalArgumentException notAnOrder) {
            return List.of(); // no order to tell of
        }
        Order order = record.value() instanceof OrderPlaced placed ? placed.order()
                : record.value() instanceof FoodCooked cooked ? cooked.order() : null;
        String why = "its message went to " + record.topic() + ShopTopic.DEAD_LETTER_SUFFIX + ": " + reason.getMessage();
        return List.of(new Outgoing(ShopTopic.ORDER_STATUS, OrderStatusChanged.rejected(orderId,
                order == null ? null : order.tillId(), order == null ? 0 : order.number(), wallClock.instant(), identity.name(),
                why)));
    }

    private List<Outgoing> start(Order order) {
        Optional<String> tooBig = kitchen.tooMuchFor(order);
        if (tooBig.isPresent()) {
            return List.of(new Outgoing(ShopTopic.ORDER_STATUS, OrderStatusChanged.rejected(order.id(), order.tillId(),
                    order.number(), wallClock.instant(), identity.name(), tooBig.get())));
        }
        List<Outgoing> outputs = new ArrayList<>();
        Map<Portion, Integer> fromTheCabinet = order.portionsFromTheCabinet();
        if (cabinets != null && !fromTheCabinet.isEmpty()) {
            int cabinet = ShopPartitions.of(order.id().toString(), partitions);
            Optional<Map<Portion, Integer>> left = cabinets.take(cabinet, fromTheCabinet);
            if (left.isEmpty()) {
                // Not enough in the cabinet: the cook fries the whole order, and the order waits for the fryer.
                outputs.add(cabinet(cabinet, cabinets.stock(cabinet), CabinetStocked.Change.SHORT, fromTheCabinet, order.id(), null));
                outputs.add(new Outgoing(ShopTopic.ORDER_STATUS, status(order, OrderStatus.WAITING_FOR_COOK)));
                outputs.add(new Outgoing(ShopTopic.COOK_REQUESTS, new CookRequested(UUID.randomUUID(), order, order.portions(),
                        identity.name(), wallClock.instant())));
                return outputs;
            }
            outputs.add(cabinet(cabinet, left.get(), CabinetStocked.Change.TAKEN, fromTheCabinet, order.id(), null));
        }
        if (order.needsCook()) {
            outputs.add(new Outgoing(ShopTopic.ORDER_STATUS, status(order, OrderStatus.WAITING_FOR_COOK)));
            outputs.add(new Outgoing(ShopTopic.COOK_REQUESTS, CookRequested.of(order, identity.name(), wallClock.instant())));
            return outputs;
        }
        outputs.addAll(finish(order));
        return outputs;
    }

    /** The cook's portions go into the cabinet, which is this preparer's: the top-up came in on its partition. */
    private List<Outgoing> toppedUp(CabinetToppedUp toppedUp) {
        if (cabinets == null) {
            return List.of(); // a shop without cabinets ignores a cook that thinks otherwise
        }
        Map<Portion, Integer> stock = cabinets.put(toppedUp.cabinet(), toppedUp.portions());
        return List.of(cabinet(toppedUp.cabinet(), stock, CabinetStocked.Change.TOPPED_UP, toppedUp.portions(), null,
                toppedUp.eventId()));
    }

    /** The cabinet's stock after a change, for its own partition of the cabinet topic. */
    private Outgoing cabinet(int cabinet, Map<Portion, Integer> stock, CabinetStocked.Change change, Map<Portion, Integer> moved,
                             UUID orderId, UUID topUpId) {
        return new Outgoing(ShopTopic.CABINET, new CabinetStocked(UUID.randomUUID(), cabinet, stock, change, moved, orderId,
                topUpId, identity.name(), wallClock.instant()), cabinet);
    }

    private List<Outgoing> finish(Order order) {
        clock.spend(clock.timings().preparing());
        return List.of(new Outgoing(ShopTopic.ORDER_STATUS, status(order, OrderStatus.READY)));
    }

    private OrderStatusChanged status(Order order, OrderStatus status) {
        return OrderStatusChanged.of(order, status, wallClock.instant(), identity.name());
    }
}
