package dev.chippy.order;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.chippy.menu.Menu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTest {

    private static final Menu MENU = Menu.standard();

    @Test
    void anOrderKnowsItsPortionsPriceAndWhetherItNeedsTheCook() {
        Order order = order("till-1", 5, line("cod-and-chips", 1), line("plaice-and-chips", 2), line("large-chips", 1));

        assertThat(order.portions()).isEqualTo(Map.of(
                MENU.portion("cod"), 1, MENU.portion("plaice"), 2, MENU.portion("chips"), 5));
        assertThat(order.portionsCookedToOrder()).isEqualTo(Map.of(MENU.portion("plaice"), 2));
        assertThat(order.totalPence()).isEqualTo(895 + 2 * 995 + 475);
        assertThat(order.needsCook()).isTrue();
        assertThat(order("till-1", 6, line("cod-and-chips", 1)).needsCook()).isFalse();
    }

    @Test
    void anOrderReadsAsTheTillsShowedIt() {
        Order order = order("till-1", 20, line("cod-and-chips", 1), line("large-chips", 1));
        assertThat(OrderText.placed(order)).isEqualTo("Order 20: cod & chips, large chips");
        assertThat(OrderText.ready(order)).isEqualTo("Order ready 20: ✓ cod & chips, large chips");

        Order plaice = order("till-2", 7, line("plaice-and-chips", 2));
        assertThat(OrderText.cooking(plaice)).isEqualTo("Cooking 7: 2 × plaice & chips");
        assertThat(OrderText.cooked(plaice)).isEqualTo("Cooked 7: ✓ 2 × plaice & chips");
    }

    @Test
    void anOrderNeedsALine() {
        assertThatThrownBy(() -> order("till-1", 1))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessage("an order needs at least one line");
    }

    @Test
    void anOrderHasAtMostFiftyLines() {
        OrderLine[] lines = Collections.nCopies(Order.MAX_LINES + 1, line("chips", 1)).toArray(OrderLine[]::new);
        assertThatThrownBy(() -> order("till-1", 1, lines))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessage("an order has at most 50 lines, this one has 51");
        assertThat(order("till-1", 1, Collections.nCopies(Order.MAX_LINES, line("chips", 1)).toArray(OrderLine[]::new))
                .lines()).hasSize(50);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 21, 10_000})
    void aQuantityIsBetweenOneAndTwenty(int quantity) {
        assertThatThrownBy(() -> line("chips", quantity))
                .isInstanceOf(InvalidOrderException.class)
                .hasMessage("quantity of chips must be between 1 and 20, was " + quantity);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Till-1", "till 1", "-till", "a-till-id-that-is-far-too-long-for-a-till"})
    void aTillIdIsShortLowerCaseAndPlain(String tillId) {
        assertThatThrownBy(() -> order(tillId, 1, line("chips", 1))).isInstanceOf(InvalidOrderException.class)
                .hasMessageStartingWith("till id must match");
    }

    @Test
    void numbersStartAtOne() {
        assertThatThrownBy(() -> order("till-1", 0, line("chips", 1))).isInstanceOf(InvalidOrderException.class);
    }

    @Test
    void anOrderCannotBeChangedAfterwards() {
        List<OrderLine> lines = new java.util.ArrayList<>(List.of(line("chips", 1)));
        Order order = new Order(UUID.randomUUID(), "till-1", 1, Instant.now(), lines);
        lines.add(line("cod-and-chips", 1));
        assertThat(order.lines()).hasSize(1);
        assertThatThrownBy(() -> order.lines().add(line("chips", 1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void statusOnlyMovesForward() {
        assertThat(OrderStatus.PREPARING.advancedTo(OrderStatus.READY)).isEqualTo(OrderStatus.READY);
        assertThat(OrderStatus.READY.advancedTo(OrderStatus.PREPARING)).isEqualTo(OrderStatus.READY);
        assertThat(OrderStatus.COOKED.advancedTo(OrderStatus.WAITING_FOR_COOK)).isEqualTo(OrderStatus.COOKED);
        assertThat(OrderStatus.PLACED.advancedTo(OrderStatus.PLACED)).isEqualTo(OrderStatus.PLACED);
    }

    private static Order order(String tillId, long number, OrderLine... lines) {
        return new Order(UUID.randomUUID(), tillId, number, Instant.parse("2026-11-21T12:00:00Z"), List.of(lines));
    }

    private static OrderLine line(String item, int quantity) {
        return new OrderLine(MENU.item(item), quantity);
    }
}
