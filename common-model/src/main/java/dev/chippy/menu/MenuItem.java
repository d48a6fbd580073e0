package dev.chippy.menu;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Something a customer can order, with its price and the portions the kitchen uses
 * to make it. A "fish supper" and "cod &amp; chips" are two items that use the same
 * portions.
 *
 * <p>In JSON an item is its id ({@code "cod-and-chips"}); messages carry ids, and the
 * menu is the one place that knows what an id means.
 */
public record MenuItem(String id, String name, int pricePence, Map<Portion, Integer> portions) {

    public MenuItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (pricePence < 0) {
            throw new IllegalArgumentException("price of " + id + " must not be negative");
        }
        if (portions == null || portions.isEmpty()) {
            throw new IllegalArgumentException(id + " must use at least one portion");
        }
        portions.forEach((portion, count) -> {
            if (count == null || count < 1) {
                throw new IllegalArgumentException(id + " uses " + count + " of " + portion);
            }
        });
        portions = Map.copyOf(portions);
    }

    /** True when this item holds a portion that the cook makes to order (plaice). */
    public boolean needsCook() {
        return portions.keySet().stream().anyMatch(Portion::cookedToOrder);
    }

    /** The name as it reads inside a sentence: "cod &amp; chips". */
    public String lowerCaseName() {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Resolves an item of the standard menu by its id. */
    @JsonCreator
    public static MenuItem fromId(String id) {
        return Menu.standard().item(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
