package dev.chippy.sink.board;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

import dev.chippy.menu.UnknownMenuItemException;
import dev.chippy.sink.record.StoredOrder;
import dev.chippy.sink.record.StoredWindow;

/**
 * When the record keeper starts, the board recalls from the records the latest orders (for
 * the tills' panes and the ready board) and the orders not ready yet (so that a backlog
 * left by an earlier run, as in demo 2 before demo 3, shows with its lines when the
 * preparers get to it), and the analyst's latest windows. The preparers' and the cook's panes
 * start empty and fill as they work. This happens before the record keeper's listener starts, so the board never hears
 * a batch before it has recalled what came before.
 */
@Component
class BoardRecall implements SmartInitializingSingleton {

    private static final Log LOG = LogFactory.getLog(BoardRecall.class);
    /** Orders fetched with their lines per query. */
    private static final int CHUNK = 500;

    private final RecentOrders orders;
    private final OrderBoard board;
    private final RecentWindows windows;
    private final ShopTrends trends;
    private final BoardProperties properties;
    private final Clock clock;

    BoardRecall(RecentOrders orders, OrderBoard board, RecentWindows windows, ShopTrends trends,
                BoardProperties properties, Clock clock) {
        this.orders = orders;
        this.board = board;
        this.windows = windows;
        this.trends = trends;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            Set<UUID> ids = new LinkedHashSet<>(orders.latest(Limit.of(properties.entriesPerPane() * properties.panesShown())));
            ids.addAll(orders.unfinished(Limit.of(properties.rememberedOrders())));
            List<StoredOrder> recalled = new ArrayList<>(ids.size());
            List<UUID> all = new ArrayList<>(ids);
            for (int from = 0; from < all.size(); from += CHUNK) {
                recalled.addAll(orders.withLines(all.subList(from, Math.min(all.size(), from + CHUNK))));
            }
            recalled.sort(Comparator.comparing(StoredOrder::placedAt).thenComparing(StoredOrder::number));
            for (StoredOrder order : recalled) {
                try {
                    board.recall(order.toOrder(), order.status());
                } catch (UnknownMenuItemException offTheMenu) {
                    // sold before the menu changed: it can stay off the board
                }
            }
            if (!recalled.isEmpty()) {
                LOG.info("The board recalled " + recalled.size() + " orders from the records");
            }
            // The analyst's windows of the minutes the board shows, and the five before them.
            trends.recall(windows.since(clock.instant().minus(Duration.ofMinutes(2L * ShopTrends.MINUTES)))
                    .stream().map(StoredWindow::toTally).toList());
        } catch (RuntimeException e) {
            LOG.warn("The board starts empty: the records could not be read (" + e.getMessage() + ")");
        }
    }
}
