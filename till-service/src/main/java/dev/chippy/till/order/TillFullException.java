package dev.chippy.till.order;

/** The till remembers as many tills, or idempotency keys, as it may: the order is refused (429), nothing is written. */
public class TillFullException extends RuntimeException {

    private final String title;

    TillFullException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
