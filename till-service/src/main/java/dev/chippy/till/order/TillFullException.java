package dev.chippy.till.order;

/** The till remembers as many tills, or idempotency keys, as it may: the order is refused (429), nothing is written. */
public class TillFullException extends RuntimeException {

    private final String title;

    TillFullException(String title, String detail) {
        // An expected answer, given to a flood as fast as possible: no stack trace to fill in.
        super(detail, null, false, false);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
