package dev.chippy.sink.query;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.chippy.order.OrderStatus;

/**
 * {@code GET /stats}: the talk's homework, answered from the records.
 *
 * @param orders          orders stored
 * @param items           how many of each menu item were ordered
 * @param portions        how many portions of cod, chips, plaice… those items took
 * @param revenuePence    what the orders came to, at the prices they were sold at
 * @param ordersPerTill   orders taken at each till
 * @param ordersPerStatus orders in each status now
 * @param latency         placed-to-ready time of orders ready within the recent window
 * @param gaps            per till, numbers not seen although later ones were: lost orders, and
 *                        orders that may still be on their way (shown apart)
 */
public record Stats(long orders, Map<String, Long> items, Map<String, Long> portions, long revenuePence,
                    Map<String, Long> ordersPerTill, Map<OrderStatus, Long> ordersPerStatus, Latency latency,
                    List<TillNumbers> gaps) {

    public record Latency(Duration window, long orders, Double p50Ms, Double p95Ms, Double p99Ms) {
    }

    /**
     * A till numbers its orders in the order it writes them, so on each partition its numbers
     * only go up. A number not seen is lost for certain once every partition has brought a later
     * one from the till; until then it may be on a partition not read that far yet: pending.
     *
     * @param lastNumber   the highest number seen from this till
     * @param missing      ranges of numbers lost: every partition has brought a later number
     * @param missingCount how many numbers are lost
     * @param pending      ranges of numbers not seen yet that may still come: some partition has
     *                     brought no later number from this till so far
     * @param pendingCount how many numbers are pending
     * @param duplicated   numbers seen on more than one order
     */
    public record TillNumbers(String tillId, long lastNumber, List<Range> missing, long missingCount,
                              List<Range> pending, long pendingCount, List<Long> duplicated) {
    }

    public record Range(long from, long to) {

        long size() {
            return to - from + 1;
        }
    }
}
