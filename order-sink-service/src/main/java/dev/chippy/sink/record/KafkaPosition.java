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

    @Embeddable
    public record Key(String topic, @Column(name = "kafka_partition") int kafkaPartition) implements Serializable {
        static Key of(TopicPartition partition) {
            return new Key(partition.topic(), partition.partition());
        }
    }
}
