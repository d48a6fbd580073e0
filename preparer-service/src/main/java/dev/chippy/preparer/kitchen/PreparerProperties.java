package dev.chippy.preparer.kitchen;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param name            this preparer's name ({@code preparer-1}), unique among running
 *                        preparers; a random one when unset
 * @param nameFromReplica when no name is set, take the replica number docker compose gave the
 *                        container ({@code --scale preparer-service=3} makes preparer-1 to -3)
 * @param shareGroup      the preparers are a share group ({@code ShopGroup.PREPARERS_SHARING},
 *                        Kafka queues), sharing every partition's records, at least once; by
 *                        default they are a consumer group sharing partitions, exactly once
 * @param lockDuration    in a share group, how long a preparer holds an order it was handed before
 *                        Kafka hands it to another: how long a preparer that stops answering
 *                        (frozen, cut off) delays its orders; one whose connection closes, even
 *                        killed, gives them back at once. Kafka allows 15 s to 1 h by default
 */
@ConfigurationProperties("chippy.preparer")
public record PreparerProperties(String name, @DefaultValue("false") boolean nameFromReplica,
                                 @DefaultValue("false") boolean shareGroup,
                                 @DefaultValue("15s") Duration lockDuration) {
}
