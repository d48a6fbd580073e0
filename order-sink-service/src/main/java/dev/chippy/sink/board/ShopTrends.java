package dev.chippy.sink.board;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import dev.chippy.event.WindowTallied;
import dev.chippy.event.WindowTallied.Measure;
import dev.chippy.sink.record.StoredBatch;
import dev.chippy.sink.record.StoredBatchListener;

/**
 * The analyst's windows as the board shows them: orders per minute per till, the items and
 * portions of the last five minutes, and how long orders took to be ready. It hears the tallies the record
 * keeper stores (the analyst writes them to Kafka; the record keeper reads them like any other
 * event), keeps the latest of each partition's share, and adds the shares up when drawn.
 */
@Component
public class ShopTrends implements StoredBatchListener {

    /** Minutes shown. */
    static final int MINUTES = 10;
    /** Windows older than this, before the latest, are forgotten. */
    private static final Duration KEPT = Duration.ofMinutes(MINUTES).plus(Measure.PORTIONS.size());

    private final Map<String, WindowTallied> shares = new HashMap<>();
    private long version;

    @Override
    public synchronized void stored(StoredBatch batch) {
        if (!batch.tallies().isEmpty()) {
            hear(batch.tallies());
        }
    }

    /** Tallies from the records, as the board starts. */
    synchronized void recall(Collection<WindowTallied> tallies) {
        hear(tallies);
    }

    synchronized long version() {
        return version;
    }

    private void hear(Collection<WindowTallied> tallies) {
        tallies.forEach(tally -> shares.merge(tally.key(), tally,
                (held, heard) -> heard.at().isBefore(held.at()) ? held : heard));
        Instant latest = shares.values().stream().map(WindowTallied::windowStart).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        shares.values().removeIf(tally -> tally.windowEnd().isBefore(latest.minus(KEPT)));
        version++;
    }

    /** The trends as the screens draw them now. */
    public synchronized TrendsView view() {
        Map<Measure, Map<Instant, Map<String, long[]>>> windows = new HashMap<>();
        for (WindowTallied share : shares.values()) {
            long[] tally = windows.computeIfAbsent(share.measure(), measure -> new TreeMap<>())
                    .computeIfAbsent(share.windowStart(), start -> new TreeMap<>())
                    .computeIfAbsent(share.subject(), subject -> new long[3]);
            tally[0] += share.count();
            tally[1] += share.total();
            tally[2] = Math.max(tally[2], share.largest());
        }
        Map<Instant, Map<String, long[]>> tills = windows.getOrDefault(Measure.TILL_ORDERS, Map.of());
        Instant now = tills.keySet().stream().max(Comparator.naturalOrder()).orElse(null);
        if (now == null) {
            return new TrendsView(version, List.of(), List.of(), List.of(), null, List.of(), List.of(), List.of());
        }
        List<Instant> minutes = new ArrayList<>();
        for (int back = MINUTES - 1; back >= 0; back--) {
            minutes.add(now.minus(Measure.TILL_ORDERS.size().multipliedBy(back)));
        }
        Map<String, List<Long>> ordersByTill = new TreeMap<>();
        List<Long> takings = new ArrayList<>();
        for (Instant minute : minutes) {
            Map<String, long[]> inMinute = tills.getOrDefault(minute, Map.of());
            inMinute.keySet().forEach(till -> ordersByTill.computeIfAbsent(till, t -> new ArrayList<>()));
            takings.add(inMinute.values().stream().mapToLong(tally -> tally[1]).sum());
        }
        List<TrendsView.TillTrend> tillTrends = new ArrayList<>();
        ordersByTill.forEach((till, orders) -> {
            for (Instant minute : minutes) {
                long[] tally = tills.getOrDefault(minute, Map.of()).get(till);
                orders.add(tally == null ? 0 : tally[0]);
            }
            tillTrends.add(new TrendsView.TillTrend(till, orders));
        });

        // The five minutes that end with this one.
        Instant portionsFrom = now.minus(Measure.PORTIONS.size()).plus(Measure.PORTIONS.advance());
        List<TrendsView.PortionCount> portions = topOf(windows.getOrDefault(Measure.PORTIONS, Map.of())
                .getOrDefault(portionsFrom, Map.of()));
        List<TrendsView.PortionCount> items = topOf(windows.getOrDefault(Measure.ITEMS, Map.of())
                .getOrDefault(portionsFrom, Map.of()));

        Map<Instant, Map<String, long[]>> ready = windows.getOrDefault(Measure.READY_TIME, Map.of());
        List<TrendsView.ReadyMinute> readyMinutes = new ArrayList<>();
        for (Instant minute : minutes) {
            long[] tally = ready.getOrDefault(minute, Map.of()).get(WindowTallied.SHOP);
            readyMinutes.add(tally == null ? new TrendsView.ReadyMinute(0, 0, 0)
                    : new TrendsView.ReadyMinute(tally[0], tally[1] / tally[0], tally[2]));
        }
        return new TrendsView(version, minutes, tillTrends, takings, portionsFrom, items, portions, readyMinutes);
    }

    /** How many of each were ordered, most first. */
    private static List<TrendsView.PortionCount> topOf(Map<String, long[]> tallies) {
        List<TrendsView.PortionCount> top = new ArrayList<>();
        tallies.forEach((subject, tally) -> top.add(new TrendsView.PortionCount(subject, tally[1])));
        top.sort(Comparator.comparingLong(TrendsView.PortionCount::portions).reversed());
        return top;
    }
}
