package dev.chippy.sink.board;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records wait between a group's committed offset and the end of each partition:
 * records, not offsets. In a topic written in Kafka transactions every transaction also
 * leaves a commit marker, which takes an offset but is no record: a caught-up group commits
 * "last record + 1", one short of the end, and a group ten orders behind may be twenty
 * offsets behind. So this reads the partitions with a {@code read_committed} consumer of its
 * own (no group, values not even deserialized) and notes the offset of every record it is
 * given; markers and aborted records are never given to it. It reads only what is new since
 * the last reading, and forgets offsets once the group has gone past them, so it holds at
 * most a backlog's worth of numbers.
 *
 * <p>Not thread-safe: one reader calls it (the board's lag reading).
 */
final class RecordsWaiting implements AutoCloseable {

    private final Supplier<Consumer<?, ?>> consumers;
    private final int maxRecordsPerReading;
    private final Map<TopicPartition, Offsets> read = new HashMap<>();
    private Consumer<?, ?> consumer;

    RecordsWaiting(Supplier<Consumer<?, ?>> consumers, int maxRecordsPerReading) {
        this.consumers = consumers;
        this.maxRecordsPerReading = maxRecordsPerReading;
    }

    /**
     * The records waiting in each partition of {@code ends}: after {@code from} (the offset a
     * group has committed; absent for a group that has committed nothing) and before the end.
     * It spends at most about {@code budget} reading; what it has not read yet is counted in
     * offsets, an upper bound, until a later reading gets to it.
     */
    Map<TopicPartition, Long> count(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends, Duration budget) {
        if (consumer == null) {
            consumer = consumers.get();
        }
        if (!consumer.assignment().equals(ends.keySet())) {
            read.keySet().retainAll(ends.keySet());
            consumer.assign(ends.keySet());
            read.forEach((partition, offsets) -> consumer.seek(partition, offsets.readTo));
        }
        for (TopicPartition partition : ends.keySet()) {
            long start = from.getOrDefault(partition, 0L);
            Offsets offsets = read.get(partition);
            if (offsets == null || start < offsets.low || start > offsets.readTo) {
                // New, or the group went back (a reset) or ahead of this reading: read on from where it stands.
                read.put(partition, new Offsets(start));
                consumer.seek(partition, start);
            }
        }
        readOn(ends, budget);
        Map<TopicPartition, Long> waiting = new HashMap<>();
        ends.forEach((partition, end) -> {
            long start = from.getOrDefault(partition, 0L);
            Offsets offsets = read.get(partition);
            offsets.forgetBelow(start);
            long notReadYet = Math.max(0, end - Math.max(start, offsets.readTo));
            waiting.put(partition, offsets.countFrom(start) + notReadYet);
        });
        return waiting;
    }

    /** Reads on towards the ends, noting each record's offset, until there or out of budget. */
    private void readOn(Map<TopicPartition, Long> ends, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        int taken = 0;
        Set<TopicPartition> behind = behind(ends);
        while (!behind.isEmpty() && taken < maxRecordsPerReading && System.nanoTime() < deadline) {
            for (ConsumerRecord<?, ?> record : consumer.poll(Duration.ofMillis(50))) {
                Offsets offsets = read.get(new TopicPartition(record.topic(), record.partition()));
                if (offsets != null) {
                    offsets.add(record.offset());
                }
                taken++;
            }
            behind = behind(ends);
        }
    }

    /** The partitions whose reading has not reached the end; notes how far each has got. */
    private Set<TopicPartition> behind(Map<TopicPartition, Long> ends) {
        Set<TopicPartition> behind = new HashSet<>();
        ends.forEach((partition, end) -> {
            Offsets offsets = read.get(partition);
            offsets.readTo = Math.max(offsets.readTo, consumer.position(partition));
            if (offsets.readTo < end) {
                behind.add(partition);
            }
        });
        return behind;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
            consumer = null;
        }
    }

    /** The offsets of the records read in one partition, from {@code low} up to {@code readTo}, in order. */
    static final class Offsets {

        private long[] offsets = new long[64];
        private int first;
        private int size;
        private long low;
        private long readTo;

        Offsets(long from) {
            this.low = from;
            this.readTo = from;
        }

        void add(long offset) {
            if (size > 0 && offset <= offsets[first + size - 1]) {
                return; // already noted
            }
            if (first + size == offsets.length) {
                if (size * 2 <= offsets.length) {
                    System.arraycopy(offsets, first, offsets, 0, size);
                } else {
                    offsets = Arrays.copyOfRange(offsets, first, first + offsets.length * 2);
                }
                first = 0;
            }
            offsets[first + size++] = offset;
            readTo = Math.max(readTo, offset + 1);
        }

        /** How many of the offsets read are at or after {@code offset}. */
        long countFrom(long offset) {
            return first + size - lowerBound(offset);
        }

        /** Forgets the offsets before {@code offset}: the group has gone past them. */
        void forgetBelow(long offset) {
            int at = lowerBound(offset);
            size -= at - first;
            first = at;
            low = Math.max(low, offset);
        }

        private int lowerBound(long offset) {
            int index = Arrays.binarySearch(offsets, first, first + size, offset);
            return index >= 0 ? index : -index - 1;
        }
    }
}
