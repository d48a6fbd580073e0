package dev.chippy.order;

import java.util.List;
import java.util.random.RandomGenerator;

import dev.chippy.menu.Menu;

/**
 * What simulated customers order, as in the original demos: one roll of a die per order.
 * 6 gets cod &amp; chips and plaice &amp; chips (only while plaice is on the menu), 5 cod &amp;
 * chips and large chips, 4 chips, anything else cod &amp; chips.
 */
public final class OrderMix {

    private final OrderLine cod;
    private final OrderLine plaice;
    private final OrderLine chips;
    private final OrderLine largeChips;

    public OrderMix(Menu menu) {
        cod = new OrderLine(menu.item("cod-and-chips"), 1);
        plaice = new OrderLine(menu.item("plaice-and-chips"), 1);
        chips = new OrderLine(menu.item("chips"), 1);
        largeChips = new OrderLine(menu.item("large-chips"), 1);
    }

    /** One customer's order: one roll of the die. */
    public List<OrderLine> roll(RandomGenerator random, boolean plaiceOn) {
        return forDie(1 + random.nextInt(6), plaiceOn);
    }

    public List<OrderLine> forDie(int die, boolean plaiceOn) {
        if (die == 6 && plaiceOn) {
            return List.of(cod, plaice);
        }
        return switch (die) {
            case 5 -> List.of(cod, largeChips);
            case 4 -> List.of(chips);
            default -> List.of(cod);
        };
    }
}
