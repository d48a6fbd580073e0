package dev.chippy.order;

import java.util.Objects;

import dev.chippy.menu.MenuItem;

/** One line of an order: an item from the menu and how many of it. */
public record OrderLine(MenuItem item, int quantity) {

    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 20;

    public OrderLine {
        Objects.requireNonNull(item, "item");
        if (quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
            throw new InvalidOrderException("quantity of " + item.id() + " must be between "
                    + MIN_QUANTITY + " and " + MAX_QUANTITY + ", was " + quantity);
        }
    }

    public int pricePence() {
        return item.pricePence() * quantity;
    }

    /** "cod &amp; chips" or "2 × cod &amp; chips". */
    public String describe() {
        return quantity == 1 ? item.lowerCaseName() : quantity + " × " + item.lowerCaseName();
    }
}
