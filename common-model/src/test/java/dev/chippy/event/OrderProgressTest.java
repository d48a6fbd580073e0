package dev.chippy.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** What each order event means for its order, as whoever keeps orders reads it. */
class OrderProgressTest {

    private static final Menu MENU = Menu.standard();
    private static final Instant PLACED_AT = Instant.parse("2026-11-21T12:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-21T12:00:05Z");
    private static final Order ORDER = new Order(UUID.randomUUID(), "till-2", 7, PLACED_AT,
            List.of(new OrderLine(MENU.item("plaice-and-chips"), 1)));

    @Test
    void anOrderPlacedIsPlacedByItsTill() {
        assertThat(OrderPlaced.of(ORDER).progress()).contains(
                new OrderProgress(ORDER.id(), OrderStatus.PLACED, PLACED_AT, "till-2", null, "till-2", 7));
    }

    @Test
    void aStatusIsWhatItSaysWithItsReasonAndWhatItKnowsOfTheOrder() {
        assertThat(OrderStatusChanged.of(ORDER, OrderStatus.PREPARING, LATER, "preparer-1").progress()).contains(
                new OrderProgress(ORDER.id(), OrderStatus.PREPARING, LATER, "preparer-1", null, "till-2", 7));
        assertThat(OrderStatusChanged.rejected(ORDER.id(), null, 0, LATER, "preparer-1", "unreadable").progress()).contains(
                new OrderProgress(ORDER.id(), OrderStatus.REJECTED, LATER, "preparer-1", "unreadable", null, 0));
    }

    @Test
    void foodCookedIsCookedByTheCook() {
        CookRequested request = CookRequested.of(ORDER, "preparer-1", PLACED_AT);
        assertThat(FoodCooked.of(request, "cook-1", LATER).progress()).contains(
                new OrderProgress(ORDER.id(), OrderStatus.COOKED, LATER, "cook-1", null, "till-2", 7));
    }

    @Test
    void aCookRequestAndTheCooksFailureMoveTheOrderNowhereByThemselves() {
        assertThat(CookRequested.of(ORDER, "preparer-1", PLACED_AT).progress()).isEmpty();
        assertThat(FoodNotCooked.of(ORDER.id(), ORDER, "the fryer is on fire", "cook-1", LATER).progress()).isEmpty();
    }
}
