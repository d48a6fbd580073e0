package dev.chippy.till.order;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import dev.chippy.order.Order;
import dev.chippy.order.OrderRequests;

/**
 * How the till service takes orders.
 *
 * @param defaultTillId         the till of an order that names none
 * @param publishTimeout        how long an order may wait for its turn to be written; after
 *                              that it is refused with 503 and nothing is written
 * @param maxOrdersPerTransaction orders written together in one Kafka transaction, at most
 * @param queueCapacity         orders waiting to be written, at most; more are refused with 503
 * @param maxRequestSize        the largest request body accepted
 * @param orderBoardUrl         where the record keeper answers {@code GET /orders/{id}}, for the
 *                              {@code Location} of an accepted order
 * @param receiptRetention      how long an {@code Idempotency-Key} is remembered
 * @param maxIdempotencyKeys    keys remembered at once, at most; a new key past that is refused
 *                              with 429 (about half a kilobyte of memory each)
 * @param maxTills              tills the shop knows, at most; an order from another till is
 *                              refused with 429
 */
@Validated
@ConfigurationProperties("chippy.till")
public record TillProperties(
        @NotNull @Pattern(regexp = Order.TILL_ID_PATTERN) @DefaultValue("counter") String defaultTillId,
        @NotNull @DefaultValue("3s") Duration publishTimeout,
        @Min(1) @Max(10_000) @DefaultValue("1000") int maxOrdersPerTransaction,
        @Min(1) @DefaultValue("20000") int queueCapacity,
        @NotNull @DefaultValue(OrderRequests.LARGEST_BODY) DataSize maxRequestSize,
        @NotNull @DefaultValue("http://localhost:8084") URI orderBoardUrl,
        @NotNull @DefaultValue("24h") Duration receiptRetention,
        @Min(1) @DefaultValue("100000") int maxIdempotencyKeys,
        @Min(1) @DefaultValue("10000") int maxTills) {
}
