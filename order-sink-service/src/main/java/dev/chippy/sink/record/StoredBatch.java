package dev.chippy.sink.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.chippy.event.WindowTallied;
import dev.chippy.order.Order;
import dev.chippy.order.OrderStatus;

/**
 * What one committed batch brought, for whoever watches the shop: built from what the
 * record keeper held in memory while storing it, so telling costs no query. Replays and
 * duplicates are not in it: only orders and status changes stored for the first time.
 *
 * @param placed orders stored for the first time, in the order they were read
 * @param news   status changes stored for the first time, in the order they were read
 *               (including each new order's PLACED), whether or not they moved the order on
 * @param moved  the orders whose status the batch moved on, and where to
 * @param tallies the analyst's tallies of windows the batch stored, the latest of each share
 */
public record StoredBatch(List<Order> placed, List<News> news, List<RecordKeeper.Moved> moved, List<WindowTallied> tallies) {

    public StoredBatch {
        placed = List.copyOf(placed);
        news = List.copyOf(news);
        moved = List.copyOf(moved);
        tallies = List.copyOf(tallies);
    }

    public StoredBatch(List<Order> placed, List<News> news, List<RecordKeeper.Moved> moved) {
        this(placed, news, moved, List.of());
    }

    /** Several batches told as one, in the order they were stored. */
    static StoredBatch of(List<StoredBatch> parts) {
        List<Order> placed = new ArrayList<>();
        List<News> news = new ArrayList<>();
        List<RecordKeeper.Moved> moved = new ArrayList<>();
        List<WindowTallied> tallies = new ArrayList<>();
        parts.forEach(part -> {
            placed.addAll(part.placed());
            news.addAll(part.news());
            moved.addAll(part.moved());
            tallies.addAll(part.tallies());
        });
        return new StoredBatch(placed, news, moved, tallies);
    }

    /**
     * One status change: who moved which order to what, and when.
     *
     * @param tillId the order's till; null only when neither the event nor a stored order said
     * @param number the till's number of the order; 0 when unknown, like {@code tillId}
     * @param delivery for a share group preparer's {@code PREPARING}: how many times Kafka handed the
     *                 order out; 0 when not said
     */
    public record News(UUID orderId, String tillId, long number, OrderStatus status, Instant at, String by, int delivery) {

        public News(UUID orderId, String tillId, long number, OrderStatus status, Instant at, String by) {
            this(orderId, tillId, number, status, at, by, 0);
        }
    }
}
