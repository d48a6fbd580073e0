package dev.chippy.sink.query;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the record keeper answers questions about what it stored. The prefix is the record
 * keeper's ({@code chippy.sink}), as the README documents these settings.
 *
 * @param latencyWindow placed-to-ready latency in {@code /stats} covers orders ready within this
 *                      long before now
 * @param statsFor      how long one answer of {@code /stats} is given to every caller before
 *                      PostgreSQL is asked again: heavy query traffic costs one query at a time
 * @param maxWaiters    clients waiting for an order's status at once ({@code ?waitFor=}), at
 *                      most; more are refused with 503
 * @param maxWaitersPerClient the same, from one client address; more are refused with 429
 * @param defaultWait   how long {@code ?waitFor=} waits when the query gives no {@code timeout}
 */
@Validated
@ConfigurationProperties("chippy.sink")
public record QueryProperties(@NotNull @DefaultValue("5m") Duration latencyWindow,
                              @NotNull @DefaultValue("1s") Duration statsFor,
                              @Min(1) @DefaultValue("2000") int maxWaiters,
                              @Min(1) @DefaultValue("200") int maxWaitersPerClient,
                              @NotNull @DefaultValue("10s") Duration defaultWait) {
}
