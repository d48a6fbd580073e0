package dev.chippy.preparer.kitchen;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chippy.event.CookRequested;
import dev.chippy.event.FoodCooked;
import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;
import dev.chippy.service.kafka.Outgoing;
import dev.chippy.service.kafka.WorkerIdentity;
import dev.chippy.service.kitchen.KitchenLimits;
import dev.chippy.service.time.ShopClock;
import dev.chippy.service.time.ShopTimings;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PreparerTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final Preparer preparer = new Preparer(new WorkerIdentity("preparer-1"),
            new ShopClock(new ShopTimings(0, null, null, null)), Clock.fixed(NOW, ZoneOffset.UTC), new KitchenLimits(8));

    @Test
    void anOrderWithoutPlaiceIsPreparedAndReady() {
        Order order = KitchenOrders.codAndChips();

        List<Outgoing> out = preparer.handle(OrderPlaced.of(order));

        assertThat(out).extracting(Outgoing::topic, outgoing -> ((OrderStatusChanged) outgoing.event()).status())
                .containsExactly(tuple(ShopTopic.ORDER_STATUS, OrderStatus.READY));
        OrderStatusChanged ready = (OrderStatusChanged) out.get(0).event();
        assertThat(ready.orderId()).isEqualTo(order.id());
        assertThat(ready.by()).isEqualTo("preparer-1");
        assertThat(ready.number()).isEqualTo(order.number());
        assertThat(ready.at()).isEqualTo(NOW);
    }

    @Test
    void anOrderWithPlaiceGoesToTheCookAndWaits() {
        Order order = KitchenOrders.withPlaice();

        List<Outgoing> out = preparer.handle(OrderPlaced.of(order));

        assertThat(out).extracting(Outgoing::topic).containsExactly(ShopTopic.ORDER_STATUS, ShopTopic.COOK_REQUESTS);
        assertThat(((OrderStatusChanged) out.get(0).event()).status()).isEqualTo(OrderStatus.WAITING_FOR_COOK);
        CookRequested request = (CookRequested) out.get(1).event();
        assertThat(request.order()).isEqualTo(order);
        assertThat(request.portions()).isEqualTo(Map.of(Menu.standard().portion("plaice"), 2));
        assertThat(request.requestedBy()).isEqualTo("preparer-1");
    }

    @Test
    void cookedPlaiceIsPreparedAndTheOrderReady() {
        Order order = KitchenOrders.withPlaice();
        FoodCooked cooked = new FoodCooked(UUID.randomUUID(), order, Map.of(Menu.standard().portion("plaice"), 2), "cook-1", NOW);

        List<Outgoing> out = preparer.handle(cooked);

        assertThat(out).extracting(outgoing -> ((OrderStatusChanged) outgoing.event()).status())
                .containsExactly(OrderStatus.READY);
    }

    @Test
    void aPreparerAnnouncesWhatItPicksUp() {
        Order order = KitchenOrders.codAndChips();
        assertThat(preparer.preparing(order).status()).isEqualTo(OrderStatus.PREPARING);
        assertThat(preparer.preparing(order).by()).isEqualTo("preparer-1");
    }
}
