package dev.chippy.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a till answered to a request that carried an {@code Idempotency-Key}. Written in
 * the same transaction as the order, to a compacted topic keyed by the idempotency key,
 * so a retried request gets the first answer even after the till restarts.
 *
 * @param fingerprint a digest of the request body; the same key with another body is refused
 */
public record OrderReceipt(UUID eventId, String idempotencyKey, String fingerprint, UUID orderId,
                           String tillId, long number, Instant at) implements ShopEvent {

    public OrderReceipt {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String key() {
        return idempotencyKey;
    }
}
