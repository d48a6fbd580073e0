package dev.chippy.sink.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.chippy.menu.Menu;
import dev.chippy.order.OrderStatus;
import dev.chippy.order.OrderText;
import dev.chippy.sink.record.StatusChange;
import dev.chippy.sink.record.StoredOrder;

/** {@code GET /orders/{id}}: an order, its lines, and its whole history. */
public record OrderView(UUID orderId, String tillId, long number, String text, OrderStatus status, Instant placedAt,
                        Instant readyAt, int totalPence, List<Line> lines, List<HistoryEntry> history) {

    public record Line(String item, String name, int quantity, int unitPricePence) {
    }

    /** One step of the order's life: who moved it to which status, and when. */
    public record HistoryEntry(OrderStatus status, Instant at, String by,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }

    static OrderView of(StoredOrder order, List<StatusChange> history) {
        Menu menu = Menu.standard();
        return new OrderView(order.id(), order.tillId(), order.number(), OrderText.placed(order.toOrder()),
                order.status(), order.placedAt(), order.readyAt(), order.totalPence(),
                order.lines().stream()
                        .map(line -> new Line(line.item(), menu.item(line.item()).name(), line.quantity(), line.unitPricePence()))
                        .toList(),
                history.stream().map(change -> new HistoryEntry(change.status(), change.at(), change.by(), change.reason())).toList());
    }
}
