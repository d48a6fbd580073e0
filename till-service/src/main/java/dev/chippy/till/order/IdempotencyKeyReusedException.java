package dev.chippy.till.order;

/** An {@code Idempotency-Key} came back with a different order than the one it was first used for. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different order");
    }
}
