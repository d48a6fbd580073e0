package dev.chippy.menu;

/** Thrown when an id names no item (or no portion) on the menu. */
public class UnknownMenuItemException extends IllegalArgumentException {

    private final String id;

    public UnknownMenuItemException(String kind, String id) {
        super("unknown " + kind + " '" + id + "'");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
