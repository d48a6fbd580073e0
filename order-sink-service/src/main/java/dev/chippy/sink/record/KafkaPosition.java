package dev.chippy.sink.record;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.apache.kafka.common.TopicPartition;

/**
 * How far into one Kafka partition the stored data goes: the next offset to read. Stored in
 * the same transaction as the rows it covers ("storing offsets outside Kafka" in the
 * KafkaConsumer documentation), so after a crash the record keeper resumes exactly there.
 */
@Entity
@Table(name = "kafka_positions")
public class KafkaPosition {

    @EmbeddedId
    private Key key;
    private long nextOffset;
    private Instant updatedAt;
    private long missedOffsets;

    protected KafkaPosition() {
    }

    KafkaPosition(TopicPartition partition, long nextOffset, Instant updatedAt) {
        this.key = Key.of(partition);
        this.nextOffset = nextOffset;
        this.updatedAt = updatedAt;
    }

    public TopicPartition partition() {
        return new TopicPartition(key.topic, key.kafkaPartition);
    }

    public long nextOffset() {
        return nextOffset;
    }

    /** Offsets deleted from the partition (by retention) before they were stored. */
    public long missedOffsets() {
        return missedOffsets;
    }

    /**
     * Moves the position forward to {@code offset}, noting that the offsets from here up to
     * {@code logStart} were deleted before they could be stored.
     */
    void advancePastDeleted(long logStart, long offset, Instant at) {
        if (logStart > nextOffset) {
            missedOffsets += logStart - nextOffset;
        }
        advanceTo(offset, at);
    }

    /** Moves the position forward; never back. */
    void advanceTo(long offset, Instant at) {
        if (offset > nextOffset) {
            nextOffset = offset;
            updatedAt = at;
        }
    }

    @Embeddable
    public record Key(String topic, @Column(name = "kafka_partition") int kafkaPartition) implements Serializable {
        static Key of(TopicPartition partition) {
            return new Key(partition.topic(), partition.partition());
        }
    }
}
