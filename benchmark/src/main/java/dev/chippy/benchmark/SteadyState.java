package dev.chippy.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Warms a system up until its own figure stops moving, instead of for a fixed time: the JIT
 * compiling, pools filling and consumer groups settling all show as a figure that still
 * climbs (or falls) from one window to the next. It runs measuring windows until the last
 * {@code settled} of them lie within {@code tolerance} of each other (relative to their
 * mean, or within {@code absolute} of each other for small figures such as a few
 * milliseconds, where a relative bound is noise), or until {@code maxWindows} have run.
 *
 * @param tolerance  the largest relative difference, 0.05 for 5%
 * @param absolute   a difference always small enough, in the figure's unit
 * @param settled    how many windows in a row must agree
 * @param maxWindows the most windows to run
 */
record SteadyState(double tolerance, double absolute, int settled, int maxWindows) {

    SteadyState {
        if (settled < 2 || maxWindows < settled) {
            throw new IllegalArgumentException("needs at least two windows to agree, and room for them");
        }
    }

    /** What a warm-up saw: every window's figure, and whether they settled or the windows ran out. */
    record Outcome(List<Double> windows, boolean steady) {

        /** "steady after 4 windows (2,310, 4,980, 5,120, 5,050 req/s)" */
        String describe(String unit) {
            String figures = String.join(", ", windows.stream().map(Figure::number).toList());
            return (steady ? "steady after " : "not steady after ") + windows.size() + " windows (" + figures + " " + unit + ")"
                    + (steady ? "" : ": the windows ran out, so the runs may still be warming up");
        }
    }

    /** Runs windows ({@code window} is given the window's number, from 1) until the figure settles. */
    Outcome await(IntToDoubleFunction window) {
        List<Double> windows = new ArrayList<>();
        for (int n = 1; n <= maxWindows; n++) {
            windows.add(window.applyAsDouble(n));
            if (settledIn(windows)) {
                return new Outcome(windows, true);
            }
        }
        return new Outcome(windows, false);
    }

    private boolean settledIn(List<Double> windows) {
        if (windows.size() < settled) {
            return false;
        }
        List<Double> last = windows.subList(windows.size() - settled, windows.size());
        double lowest = last.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double highest = last.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double mean = last.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return highest - lowest <= absolute || highest - lowest <= tolerance * Math.abs(mean);
    }
}
