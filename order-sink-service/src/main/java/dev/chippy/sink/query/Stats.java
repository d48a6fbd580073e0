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
 * @param gaps            per till, numbers never seen although later ones were: lost orders
 */
public record Stats(long orders, Map<String, Long> items, Map<String, Long> portions, long revenuePence,
                    Map<String, Long> ordersPerTill, Map<OrderStatus, Long> ordersPerStatus, Latency latency,
                    List<TillNumbers> gaps) {

    public record Latency(Duration window, long orders, Double p50Ms, Double p95Ms, Double p99Ms) {
    }

    /**
     * @param lastNumber   the highest number seen from this till
     * @param missing      ranges of numbers never seen
     * @param missingCount how many numbers are missing
     * @param duplicated   numbers seen on more than one order
     */
    public record TillNumbers(String tillId, long lastNumber, List<Range> missing, long missingCount, List<Long> duplicated) {
    }

    public record Range(long from, long to) {
    }
}
