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

    /**
     * An order the record keeper could never read (its message went to a dead-letter topic),
     * known only by the statuses told of it: shown once it is {@code REJECTED}, so that whoever
     * holds its id learns that it ended, and why. Null while there is no such ending: a status
     * may also arrive before its order, which is then still on its way.
     */
    static OrderView neverRead(UUID id, List<StatusChange> history) {
        if (history.stream().noneMatch(change -> change.status() == OrderStatus.REJECTED)) {
            return null;
        }
        return new OrderView(id, null, 0, null, OrderStatus.REJECTED, null, null, 0, List.of(),
                history.stream().map(change -> new HistoryEntry(change.status(), change.at(), change.by(), change.reason())).toList());
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
