package dev.chippy.sink.record;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.chippy.order.OrderStatus;

/**
 * One entry in an order's history: who moved it to which status, when, and which Kafka
 * record said so. Keyed by the event's id, so the same event stored twice is one row.
 */
@Entity
@Table(name = "status_changes")
public class StatusChange {

    @Id
    private UUID eventId;
    private UUID orderId;
    @Enumerated(EnumType.STRING)
    private OrderStatus status;
    private Instant at;
    @Column(name = "done_by")
    private String by;
    private String kafkaTopic;
    private int kafkaPartition;
    private long kafkaOffset;
    private String reason;

    protected StatusChange() {
    }

    public StatusChange(UUID eventId, UUID orderId, OrderStatus status, Instant at, String by, String reason,
                        String kafkaTopic, int kafkaPartition, long kafkaOffset) {
        this.reason = reason;
        this.eventId = eventId;
        this.orderId = orderId;
        this.status = status;
        this.at = at;
        this.by = by;
        this.kafkaTopic = kafkaTopic;
        this.kafkaPartition = kafkaPartition;
        this.kafkaOffset = kafkaOffset;
    }

    public UUID eventId() {
        return eventId;
    }

    public UUID orderId() {
        return orderId;
    }

    public OrderStatus status() {
        return status;
    }

    public Instant at() {
        return at;
    }

    public String by() {
        return by;
    }

    public String kafkaTopic() {
        return kafkaTopic;
    }

    public int kafkaPartition() {
        return kafkaPartition;
    }

    public long kafkaOffset() {
        return kafkaOffset;
    }

    /** Why, for a {@code REJECTED} order; null otherwise. */
    public String reason() {
        return reason;
    }
}
