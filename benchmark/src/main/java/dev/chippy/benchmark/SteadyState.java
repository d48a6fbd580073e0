package dev.chippy.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntToDoubleFunction;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Warms a system up until its own figure stops moving, instead of for a fixed time: the JIT
 * compiling, pools filling and consumer groups settling all show as a figure that still
 * climbs (or falls) from one window to the next. It runs measuring windows until the last
 * {@code settled} of them lie within {@code tolerance} of each other (relative to their
 * mean, or within {@code absolute} of each other for small figures such as a few
 * milliseconds, where a relative bound is noise), or until {@code maxWindows} have run.
 *
 * <p>A figure can stand still while the JIT is still at work: it compiles in steps, and three
 * windows on one step agree. So when it is given the JVMs to watch ({@link JitActivity}), a
 * warm-up also waits until their compilers spent less than {@value #QUIET_SHARE_PERCENT}% of
 * the last window compiling, per JVM on average.
 *
 * @param tolerance  the largest relative difference, 0.05 for 5%
 * @param absolute   a difference always small enough, in the figure's unit
 * @param settled    how many windows in a row must agree
 * @param maxWindows the most windows to run
 */
record SteadyState(double tolerance, double absolute, int settled, int maxWindows) {

    static final int QUIET_SHARE_PERCENT = 2;

    SteadyState {
        if (settled < 2 || maxWindows < settled) {
            throw new IllegalArgumentException("needs at least two windows to agree, and room for them");
        }
    }

    /**
     * What a warm-up saw: every window's figure, the milliseconds the watched JVMs spent
     * compiling in each (empty when none were watched or their counters could not be read),
     * and whether it ended steady or the windows ran out.
     */
    record Outcome(List<Double> windows, List<Double> compiling, boolean steady) {

        /** "steady after 4 windows (2,310, 4,980, 5,120, 5,050 req/s; compiling 2,104, 800, 95, 31 ms a window)" */
        String describe(String unit) {
            String figures = windows.stream().map(Figure::number).collect(Collectors.joining(", "));
            String jit = compiling.isEmpty() ? ""
                    : "; compiling " + compiling.stream().map(Figure::number).collect(Collectors.joining(", ")) + " ms a window";
            return (steady ? "steady after " : "not steady after ") + windows.size() + " windows (" + figures + " " + unit + jit + ")"
                    + (steady ? "" : ": the windows ran out, so the runs may still be warming up");
        }
    }

    /** The JIT compilers of the JVMs a warm-up watches ({@link JitActivity}). */
    interface Compilers {

        /** Milliseconds spent compiling so far, summed over the JVMs; empty when that cannot be read. */
        OptionalDouble compiledMillis();

        int jvms();
    }

    /** Runs windows ({@code window} is given the window's number, from 1) until the figure settles. */
    Outcome await(IntToDoubleFunction window) {
        return await(window, null);
    }

    /** The same, and until the JIT of the JVMs {@code jit} watches is quiet too; {@code null} watches none. */
    Outcome await(IntToDoubleFunction window, Compilers jit) {
        return await(window, jit, System::nanoTime);
    }

    /** The same, timing the windows by {@code nanoTime}. */
    Outcome await(IntToDoubleFunction window, Compilers jit, LongSupplier nanoTime) {
        List<Double> windows = new ArrayList<>();
        List<Double> compiling = new ArrayList<>();
        OptionalDouble compiled = jit == null ? OptionalDouble.empty() : jit.compiledMillis();
        for (int n = 1; n <= maxWindows; n++) {
            long began = nanoTime.getAsLong();
            windows.add(window.applyAsDouble(n));
            double windowMillis = (nanoTime.getAsLong() - began) / 1e6;
            boolean quiet = true;
            OptionalDouble now = jit == null ? OptionalDouble.empty() : jit.compiledMillis();
            if (compiled.isPresent() && now.isPresent()) {
                double spent = now.getAsDouble() - compiled.getAsDouble();
                compiling.add(spent);
                quiet = spent < QUIET_SHARE_PERCENT / 100.0 * windowMillis * jit.jvms();
            }
            compiled = now;
            if (quiet && settledIn(windows)) {
                return new Outcome(windows, compiling, true);
            }
        }
        return new Outcome(windows, compiling, false);
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
