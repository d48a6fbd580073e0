package dev.chippy.sink.record;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param latencyWindow placed-to-ready latency in {@code /stats} covers orders ready within this
 *                      long before now
 * @param tillUrl       where the till service takes orders ({@code POST /orders}); the live
 *                      board's own till passes its orders on to it
 */
@Validated
@ConfigurationProperties("chippy.sink")
public record SinkProperties(@NotNull @DefaultValue("5m") Duration latencyWindow,
                             @NotNull @DefaultValue("http://localhost:8081") URI tillUrl) {
}
