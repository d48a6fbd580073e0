package dev.chippy.till.order;

/** A valid order with more plaice than the kitchen can fry for one order ({@code KitchenLimits}). */
public class TooBigForTheKitchenException extends RuntimeException {

    private final int limit;

    public TooBigForTheKitchenException(String reason, int limit) {
        super(reason);
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
