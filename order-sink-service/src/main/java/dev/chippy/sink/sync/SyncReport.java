package dev.chippy.sink.sync;

import java.util.List;

/**
 * {@code GET /sync}: for each partition the record keeper reads, how far the stored data
 * goes against how far the topic goes.
 *
 * @param inSync   true when every partition is stored to its end
 * @param totalLag records written to Kafka and not stored yet, over all partitions
 */
public record SyncReport(boolean inSync, long totalLag, List<PartitionSync> partitions) {

    /**
     * @param storedOffset the next offset the record keeper will store (0 when it has stored nothing)
     * @param endOffset    the topic's end: the next offset a committed record will get
     * @param state        "in sync", "behind by N", or "ahead by N" (a discrepancy: the
     *                     topic holds less than was stored, as when it was deleted and made again)
     */
    public record PartitionSync(String topic, int partition, long storedOffset, long endOffset, long lag, String state) {

        static PartitionSync of(String topic, int partition, long stored, long end) {
            long lag = end - stored;
            String state = lag == 0 ? "in sync" : lag > 0 ? "behind by " + lag : "ahead by " + -lag;
            return new PartitionSync(topic, partition, stored, end, lag, state);
        }
    }
}
