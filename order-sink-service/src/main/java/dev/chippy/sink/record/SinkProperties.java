package dev.chippy.sink.record;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param latencyWindow placed-to-ready latency in {@code /stats} covers orders ready within this
 *                      long before now
 */
@ConfigurationProperties("chippy.sink")
public record SinkProperties(@DefaultValue("5m") Duration latencyWindow) {
}
