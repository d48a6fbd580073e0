package dev.chippy.sink.board;

import java.util.List;

/**
 * The board as a screen draws it, every part bounded: a pane per till, per preparer and
 * for the cook, each with its latest orders, and the ready board. Sent whole each time,
 * so a screen that misses a push loses nothing.
 *
 * @param version increases with every change the board hears
 * @param cook    the cook's pane, named after the cooks of the group ("cook" while none is known)
 * @param ready   the latest orders ready to collect, newest first
 * @param kitchen what the kitchen handed out again and refused, since the board opened
 */
public record BoardView(long version, List<Pane> tills, List<Pane> preparers, Pane cook, List<ReadyOrder> ready,
                        Tallies kitchen) {

    /**
     * @param handedOutAgain pick-ups of an order by a preparer of a share group after Kafka had
     *                       handed it out before (delivery 2 or more): released by a preparer that
     *                       failed, or given back when its preparer died or its lock ran out
     * @param rejected       orders the kitchen REJECTED
     */
    public record Tallies(long handedOutAgain, long rejected) {
    }

    /**
     * @param member     for a preparer or cook, whether it is in its consumer group now (null for a till)
     * @param partitions for a preparer or cook, the partition numbers it owns (null for a till)
     * @param lines      newest first
     */
    public record Pane(String name, Boolean member, List<Integer> partitions, List<Line> lines) {
    }

    /**
     * One order on a pane.
     *
     * @param text  the shop's words for it ("Order ready 17: ✓ cod &amp; chips")
     * @param state what the screen colours it by: placed, preparing, waiting (for the cook), cooking, cooked (by the
     *              cook), ready, elsewhere (taken over by another preparer)
     * @param note  a word more, or null: "asked the cook", "ready by preparer-2", "cook-1"
     */
    public record Line(long number, String tillId, String text, String state, String note) {
    }

    public record ReadyOrder(long number, String tillId) {
    }
}
