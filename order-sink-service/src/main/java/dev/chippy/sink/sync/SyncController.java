package dev.chippy.sink.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.TopicPartition;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.chippy.sink.kafka.TopicEnds;
import dev.chippy.sink.record.KafkaPosition;
import dev.chippy.sink.record.RecordKeeper;
import dev.chippy.topic.ShopTopic;

/** {@code GET /sync}: is everything in Kafka also in PostgreSQL? */
@RestController
class SyncController {

    /** The topics whose records the record keeper stores. */
    static final List<ShopTopic> STORED = List.of(ShopTopic.ORDERS, ShopTopic.ORDER_STATUS, ShopTopic.COOKED,
            ShopTopic.SHOP_WINDOWS);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);
    private static final Log LOG = LogFactory.getLog(SyncController.class);

    private final TopicEnds topicEnds;
    private final RecordKeeper keeper;

    SyncController(TopicEnds topicEnds, RecordKeeper keeper) {
        this.topicEnds = topicEnds;
        this.keeper = keeper;
    }

    @GetMapping("/sync")
    SyncReport sync() {
        Map<TopicPartition, Long> ends = endOffsets();
        Map<TopicPartition, KafkaPosition> stored = keeper.allPositions();
        List<SyncReport.PartitionSync> partitions = new ArrayList<>();
        ends.forEach((partition, end) -> {
            KafkaPosition position = stored.get(partition);
            partitions.add(SyncReport.PartitionSync.of(partition.topic(), partition.partition(),
                    position == null ? 0 : position.nextOffset(), end, position == null ? 0 : position.missedOffsets()));
        });
        partitions.sort(Comparator.comparing(SyncReport.PartitionSync::topic).thenComparing(SyncReport.PartitionSync::partition));
        long lag = partitions.stream().mapToLong(p -> Math.max(0, p.lag())).sum();
        boolean inSync = partitions.stream().allMatch(p -> p.lag() == 0 && p.missedOffsets() == 0);
        return new SyncReport(inSync, lag, partitions);
    }

    private Map<TopicPartition, Long> endOffsets() {
        try {
            return topicEnds.of(STORED.stream().map(ShopTopic::topicName).toList(), KAFKA_TIMEOUT);
        } catch (ExecutionException | TimeoutException e) {
            // The broker's own words (addresses, topic errors) go to the log, not to the caller.
            LOG.warn("Kafka did not answer /sync: " + e);
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Kafka did not answer; try again shortly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted", e);
        }
    }
}
