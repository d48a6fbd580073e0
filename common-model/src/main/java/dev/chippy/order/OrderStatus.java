package dev.chippy.order;

/**
 * Where an order is in the shop. An order only ever moves forward through these:
 * {@code PLACED → PREPARING → (WAITING_FOR_COOK → COOKED →) READY}. Orders without
 * plaice skip the cook. An order the kitchen cannot make ends {@code REJECTED} instead,
 * from wherever it was. {@code READY} and {@code REJECTED} are final.
 */
public enum OrderStatus {

    /** Taken at a till and written to the orders topic. */
    PLACED,
    /** A preparer has picked it up. */
    PREPARING,
    /** It has plaice; the preparer has asked the cook and moved on to other orders. */
    WAITING_FOR_COOK,
    /** The cook has sent the plaice back; the preparer finishes the order. */
    COOKED,
    /** Ready to collect. Nothing follows. */
    READY,
    /**
     * The kitchen could not make it (its message went to a dead-letter topic, or it asks for
     * more than the kitchen can cook in one go); the status change says why. Nothing follows.
     */
    REJECTED;

    /** True for a status nothing follows: {@code READY}, {@code REJECTED}. */
    public boolean isFinal() {
        return this == READY || this == REJECTED;
    }

    /** True when this status comes later in an order's life than {@code other}. */
    public boolean isAfter(OrderStatus other) {
        return compareTo(other) > 0;
    }

    /**
     * The status an order has after hearing of {@code reported}: the later of the two.
     * A late or repeated event never moves an order back.
     */
    public OrderStatus advancedTo(OrderStatus reported) {
        return !isFinal() && reported.isAfter(this) ? reported : this;
    }
}
