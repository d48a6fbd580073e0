package dev.chippy.sink.sync;

import java.util.List;

/**
 * {@code GET /sync}: for each partition the record keeper reads, how far the stored data
 * goes against how far the topic goes.
 *
 * @param inSync   true when every partition is stored to its end and nothing was deleted before it was stored
 * @param totalLag records written to Kafka and not stored yet, over all partitions
 */
public record SyncReport(boolean inSync, long totalLag, List<PartitionSync> partitions) {

    /**
     * @param storedOffset the next offset the record keeper will store (0 when it has stored nothing)
     * @param endOffset    the topic's end: the next offset a committed record will get
     * @param missedOffsets offsets that retention deleted before the record keeper stored
     *                     them: whatever they held is not in PostgreSQL, and never will be
     * @param state        "in sync", "behind by N", "ahead by N" (a discrepancy: the topic
     *                     holds less than was stored, as when it was deleted and made again),
     *                     or, before either, "N offsets deleted before they were stored"
     */
    public record PartitionSync(String topic, int partition, long storedOffset, long endOffset, long lag,
                                long missedOffsets, String state) {

        static PartitionSync of(String topic, int partition, long stored, long end, long missed) {
            long lag = end - stored;
            String state = lag == 0 ? "in sync" : lag > 0 ? "behind by " + lag : "ahead by " + -lag;
            if (missed > 0) {
                state = missed + " offsets deleted before they were stored; " + state;
            }
            return new PartitionSync(topic, partition, stored, end, lag, missed, state);
        }
    }
}
