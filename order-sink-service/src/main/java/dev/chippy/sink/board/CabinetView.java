package dev.chippy.sink.board;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The hot cabinets as a screen draws them.
 *
 * @param toppedUp top-ups the cook put in
 * @param taken    orders served from a cabinet
 * @param waited   orders a cabinet was short for, which waited for the fryer
 */
public record CabinetView(long version, List<Cabinet> cabinets, long toppedUp, long taken, long waited) {

    /** @param owner the preparer that wrote the cabinet's latest stock */
    public record Cabinet(int cabinet, String owner, Map<String, Integer> stock, List<Sample> history) {
    }

    public record Sample(Instant at, Map<String, Integer> stock) {
    }
}
