package dev.chippy.till.order;

/**
 * The till could not take the order. {@link #placed()} says whether the order is known
 * not to have been written ({@code false}) or its fate is unknown ({@code null}: Kafka
 * stopped answering while committing it).
 */
public class TillUnavailableException extends RuntimeException {

    private final Boolean placed;

    private TillUnavailableException(String message, Boolean placed, Throwable cause) {
        super(message, cause);
        this.placed = placed;
    }

    public static TillUnavailableException notPlaced(String why, Throwable cause) {
        return new TillUnavailableException(why + "; the order was not placed", Boolean.FALSE, cause);
    }

    public static TillUnavailableException outcomeUnknown(Throwable cause) {
        return new TillUnavailableException("Kafka stopped answering while the order was being committed; "
                + "it may or may not have been placed. Retry with the same Idempotency-Key to find out.", null, cause);
    }

    /** False when the order certainly was not placed; null when nobody knows. */
    public Boolean placed() {
        return placed;
    }
}
