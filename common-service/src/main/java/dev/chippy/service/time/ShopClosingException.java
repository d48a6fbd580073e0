package dev.chippy.service.time;

/**
 * The shop is closing while someone was waiting on simulated time. Whatever they were
 * doing is abandoned: its transaction rolls back and the work goes back to Kafka for
 * whoever opens up next.
 */
public class ShopClosingException extends RuntimeException {

    public ShopClosingException() {
        super("the shop is closing; the work in hand is handed back");
    }
}
