package dev.chippy.sink.board;

import java.time.Instant;
import java.util.List;

/**
 * The analyst's windows as a screen draws them: the last minutes, oldest first, and for each
 * till its orders in each of them; the shop's takings in each; the items and the portions of
 * the five minutes up to now, most first; and the orders ready in each minute, with how long they took.
 *
 * @param portionsFrom where the five minutes of {@code items} and {@code portions} begin; null before any tally
 */
public record TrendsView(long version, List<Instant> minutes, List<TillTrend> tills, List<Long> takingsPence,
                         Instant portionsFrom, List<PortionCount> items, List<PortionCount> portions, List<ReadyMinute> ready) {

    /** @param orders per minute of {@code minutes} */
    public record TillTrend(String till, List<Long> orders) {
    }

    /** @param portion an item's or a portion's id; {@code portions}: how many were ordered */
    public record PortionCount(String portion, long portions) {
    }

    /** @param meanMillis and {@code largestMillis}: from placed to ready; 0 when none became ready */
    public record ReadyMinute(long orders, long meanMillis, long largestMillis) {
    }
}
