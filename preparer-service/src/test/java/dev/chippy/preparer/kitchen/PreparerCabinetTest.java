package dev.chippy.preparer.kitchen;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import dev.chippy.event.CabinetStocked;
import dev.chippy.event.CabinetToppedUp;
import dev.chippy.event.CookRequested;
import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.menu.Menu;
import dev.chippy.menu.Portion;
import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;
import dev.chippy.preparer.cabinet.HotCabinets;
import dev.chippy.service.kafka.Outgoing;
import dev.chippy.service.kafka.ShopPartitions;
import dev.chippy.service.kafka.WorkerIdentity;
import dev.chippy.service.kitchen.KitchenLimits;
import dev.chippy.service.time.ShopClock;
import dev.chippy.service.time.ShopTimings;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;

/** A preparer with hot cabinets: cod and chips from the order's cabinet when there are enough, the fryer when not. */
class PreparerCabinetTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final int PARTITIONS = 3;
    private static final Portion COD = Menu.standard().portion("cod");
    private static final Portion CHIPS = Menu.standard().portion("chips");
    private static final Portion PLAICE = Menu.standard().portion("plaice");

    /** What Kafka holds for each cabinet when the preparer first looks: two cod and three chips. */
    private final Map<Integer, Integer> readBack = new HashMap<>();
    private final HotCabinets cabinets = new HotCabinets(cabinet -> {
        readBack.merge(cabinet, 1, Integer::sum);
        return Map.of(COD, 2, CHIPS, 3);
    });
    private final Preparer preparer = new Preparer(new WorkerIdentity("preparer-1"),
            new ShopClock(new ShopTimings(0, null, null, null)), Clock.fixed(NOW, ZoneOffset.UTC), new KitchenLimits(8),
            cabinets, PARTITIONS);

    @AfterEach
    void noTransactionLeftOpen() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void anOrderTheCabinetCanServeIsTakenFromItAndReady() {
        Order order = KitchenOrders.order(KitchenOrders.line("cod-and-chips", 1), KitchenOrders.line("chips", 1));

        List<Outgoing> out = preparer.handle(OrderPlaced.of(order));

        int cabinet = ShopPartitions.of(order.id().toString(), PARTITIONS);
        assertThat(out).extracting(Outgoing::topic).containsExactly(ShopTopic.CABINET, ShopTopic.ORDER_STATUS);
        CabinetStocked taken = (CabinetStocked) out.get(0).event();
        assertThat(out.get(0).partition()).as("the cabinet's own partition").isEqualTo(cabinet);
        assertThat(taken.cabinet()).isEqualTo(cabinet);
        assertThat(taken.change()).isEqualTo(CabinetStocked.Change.TAKEN);
        assertThat(taken.moved()).isEqualTo(Map.of(COD, 1, CHIPS, 2));
        assertThat(taken.stock()).isEqualTo(Map.of(COD, 1, CHIPS, 1));
        assertThat(taken.orderId()).isEqualTo(order.id());
        assertThat(((OrderStatusChanged) out.get(1).event()).status()).isEqualTo(OrderStatus.READY);
    }

    @Test
    void plaiceStillGoesToTheCookWhileCodAndChipsComeFromTheCabinet() {
        Order order = KitchenOrders.order(KitchenOrders.line("plaice-and-chips", 1));

        List<Outgoing> out = preparer.handle(OrderPlaced.of(order));

        assertThat(out).extracting(Outgoing::topic)
                .containsExactly(ShopTopic.CABINET, ShopTopic.ORDER_STATUS, ShopTopic.COOK_REQUESTS);
        assertThat(((CabinetStocked) out.get(0).event()).stock()).isEqualTo(Map.of(COD, 2, CHIPS, 2));
        assertThat(((CookRequested) out.get(2).event()).portions()).isEqualTo(Map.of(PLAICE, 1));
    }

    @Test
    void anOrderTheCabinetIsShortForTakesNothingAndTheCookFriesAllOfIt() {
        Order order = KitchenOrders.order(KitchenOrders.line("cod-and-chips", 3));

        List<Outgoing> out = preparer.handle(OrderPlaced.of(order));

        assertThat(out).extracting(Outgoing::topic)
                .containsExactly(ShopTopic.CABINET, ShopTopic.ORDER_STATUS, ShopTopic.COOK_REQUESTS);
        CabinetStocked shortOf = (CabinetStocked) out.get(0).event();
        assertThat(shortOf.change()).isEqualTo(CabinetStocked.Change.SHORT);
        assertThat(shortOf.stock()).as("nothing taken").isEqualTo(Map.of(COD, 2, CHIPS, 3));
        assertThat(((OrderStatusChanged) out.get(1).event()).status()).isEqualTo(OrderStatus.WAITING_FOR_COOK);
        assertThat(((CookRequested) out.get(2).event()).portions()).isEqualTo(Map.of(COD, 3, CHIPS, 3));
    }

    @Test
    void theStockNeverGoesBelowNothingHoweverManyOrdersCome() {
        int cabinet = 1;
        int served = 0;
        for (int i = 0; i < 20; i++) {
            Order order = orderIn(cabinet, "cod-and-chips");
            CabinetStocked change = (CabinetStocked) preparer.handle(OrderPlaced.of(order)).get(0).event();
            assertThat(change.stock().values()).allMatch(count -> count >= 0);
            if (change.change() == CabinetStocked.Change.TAKEN) {
                served++;
            }
        }
        assertThat(served).as("two cod in the cabinet").isEqualTo(2);
        assertThat(cabinets.stock(cabinet)).isEqualTo(Map.of(COD, 0, CHIPS, 1));
        assertThat(readBack).as("read back from Kafka once").containsEntry(cabinet, 1);
    }

    @Test
    void theCooksTopUpGoesIntoItsCabinet() {
        CabinetToppedUp toppedUp = new CabinetToppedUp(UUID.randomUUID(), 2, Map.of(COD, 10, CHIPS, 9), "cook-1", NOW);

        List<Outgoing> out = preparer.handle(toppedUp);

        assertThat(out).hasSize(1);
        CabinetStocked stocked = (CabinetStocked) out.get(0).event();
        assertThat(out.get(0).partition()).isEqualTo(2);
        assertThat(stocked.change()).isEqualTo(CabinetStocked.Change.TOPPED_UP);
        assertThat(stocked.topUpId()).isEqualTo(toppedUp.eventId());
        assertThat(stocked.stock()).isEqualTo(Map.of(COD, 12, CHIPS, 12));
    }

    @Test
    void whatARolledBackTransactionTookIsBackInTheCabinet() {
        int cabinet = 0;
        TransactionSynchronizationManager.initSynchronization();
        preparer.handle(OrderPlaced.of(orderIn(cabinet, "cod-and-chips")));
        assertThat(cabinets.stock(cabinet)).as("within the transaction").isEqualTo(Map.of(COD, 1, CHIPS, 2));
        end(TransactionSynchronization.STATUS_ROLLED_BACK);

        assertThat(cabinets.stock(cabinet)).isEqualTo(Map.of(COD, 2, CHIPS, 3));

        TransactionSynchronizationManager.initSynchronization();
        preparer.handle(OrderPlaced.of(orderIn(cabinet, "cod-and-chips")));
        end(TransactionSynchronization.STATUS_COMMITTED);

        assertThat(cabinets.stock(cabinet)).isEqualTo(Map.of(COD, 1, CHIPS, 2));
    }

    @Test
    void aCabinetTakenOverIsReadBackFromKafka() {
        int cabinet = 0;
        preparer.handle(OrderPlaced.of(orderIn(cabinet, "cod-and-chips")));

        cabinets.forget();

        assertThat(cabinets.stock(cabinet)).isEqualTo(Map.of(COD, 2, CHIPS, 3));
        assertThat(readBack).containsEntry(cabinet, 2);
    }

    private static void end(int status) {
        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations, status);
    }

    /** An order whose id puts it, and so its cabinet, in {@code partition}. */
    private static Order orderIn(int partition, String item) {
        while (true) {
            Order order = KitchenOrders.order(KitchenOrders.line(item, 1));
            if (ShopPartitions.of(order.id().toString(), PARTITIONS) == partition) {
                return order;
            }
        }
    }
}
