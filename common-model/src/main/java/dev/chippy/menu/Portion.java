package dev.chippy.menu;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One portion of food the kitchen handles: a piece of cod, a scoop of chips.
 * Portions that are {@code cookedToOrder} (plaice) go to the cook; the rest are
 * ready in the hot cabinet.
 *
 * <p>In JSON a portion is its id, so a message names it without repeating the menu.
 */
public record Portion(String id, String name, boolean cookedToOrder) {

    public Portion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Resolves a portion of the standard menu by its id. */
    @JsonCreator
    public static Portion fromId(String id) {
        return Menu.standard().portion(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
