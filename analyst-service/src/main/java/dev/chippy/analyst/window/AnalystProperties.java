package dev.chippy.analyst.window;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param grace       how late an event may arrive for its window and still be counted; after
 *                    that the window is closed, and Kafka Streams drops what comes later for it.
 *                    Orders reach the analyst in time order per partition, but counting by till
 *                    or portion goes through a repartition topic, where the partitions' records
 *                    interleave; after a restart with a backlog they can be a minute apart
 *                    (decision 18)
 * @param readyWithin how long after being placed an order's READY is still joined to it, for the
 *                    placed-to-ready time
 * @param retention   how long the analyst keeps each window to answer questions about it
 * @param stateDir    where Kafka Streams keeps its local files; a new temporary directory per
 *                    start when unset, which loses nothing, since the analyst's stores are rebuilt
 *                    from their changelog topics at every start
 * @param largestQuery the longest span of time one question may ask about
 */
@Validated
@ConfigurationProperties("chippy.analyst")
public record AnalystProperties(@NotNull @DefaultValue("1m") Duration grace,
                                @NotNull @DefaultValue("30m") Duration readyWithin,
                                @NotNull @DefaultValue("6h") Duration retention,
                                Path stateDir,
                                @NotNull @DefaultValue("6h") Duration largestQuery) {
}
