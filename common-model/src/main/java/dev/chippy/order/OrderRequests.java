package dev.chippy.order;

/**
 * What travels with an order placed over HTTP, for the till that takes it and for whoever
 * passes orders on to a till (the live board's till).
 */
public final class OrderRequests {

    /**
     * The header that makes placing an order safe to try again: a request with a key the till
     * has answered before gets the same answer, and no second order.
     */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The largest order body taken, by default: an order is a few lines. */
    public static final String LARGEST_BODY = "64KB";

    private OrderRequests() {
    }
}
