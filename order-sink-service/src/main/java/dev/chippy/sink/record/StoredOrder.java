package dev.chippy.sink.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderStatus;

/**
 * An order as the record keeper keeps it: what was ordered, and how far it has got. Read
 * here; written by {@link RecordTables}, a batch at a time.
 */
@Entity
@Table(name = "orders")
public class StoredOrder {

    @Id
    private UUID id;
    private String tillId;
    private long number;
    private Instant placedAt;
    @Enumerated(EnumType.STRING)
    private OrderStatus status;
    private Instant statusAt;
    private Instant readyAt;
    private int totalPence;
    /** The partition the order came on: {@code /stats} tells a number still on its way from a lost one by it. */
    private Integer kafkaPartition;
    @Version
    private long version;

    @ElementCollection
    @CollectionTable(name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<StoredLine> lines = new ArrayList<>();

    protected StoredOrder() {
    }

    /** The order as the shop's model knows it, for display text. */
    public Order toOrder() {
        Menu menu = Menu.standard();
        return new Order(id, tillId, number, placedAt,
                lines.stream().map(line -> new OrderLine(menu.item(line.item()), line.quantity())).toList());
    }

    public UUID id() {
        return id;
    }

    public String tillId() {
        return tillId;
    }

    public long number() {
        return number;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public OrderStatus status() {
        return status;
    }

    public Instant statusAt() {
        return statusAt;
    }

    public Instant readyAt() {
        return readyAt;
    }

    public int totalPence() {
        return totalPence;
    }

    public List<StoredLine> lines() {
        return List.copyOf(lines);
    }
}
