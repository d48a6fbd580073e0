package dev.chippy.sink.query;

import java.util.Map;

/**
 * The talk's homework alone: how many cod, chips and plaice were sold, and for how much.
 * Part of {@link Stats}; on its own for the live board, which wants it every second
 * without the heavier latency and gap queries.
 *
 * @param orders       orders stored
 * @param items        how many of each menu item were ordered, in menu order
 * @param portions     how many portions of cod, chips, plaice… those items took, in menu order
 * @param revenuePence what the orders came to, at the prices they were sold at
 */
public record Homework(long orders, Map<String, Long> items, Map<String, Long> portions, long revenuePence) {
}
