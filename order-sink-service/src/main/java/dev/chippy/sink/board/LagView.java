package dev.chippy.sink.board;

import java.util.List;

/**
 * The consumer groups' lag over the last minute or two, as a screen charts it.
 *
 * @param at       when this was put together (epoch milliseconds)
 * @param spanMs   how far back the chart goes
 * @param groups   the preparers' group and the cook's
 * @param problem  why the latest reading is missing (Kafka did not answer), or null
 */
public record LagView(long at, long spanMs, List<GroupLag> groups, String problem) {

    /**
     * @param partitions the partition numbers charted
     * @param owners     the worker that owns each of {@code partitions} now, or null while nobody does
     * @param samples    oldest first
     */
    public record GroupLag(String group, String title, List<Integer> partitions, List<String> owners, List<Sample> samples) {
    }

    /**
     * @param at  epoch milliseconds
     * @param lag records behind, for each of the group's {@code partitions} (null where unknown then)
     */
    public record Sample(long at, List<Long> lag) {
    }
}
