package dev.chippy.benchmark;

import java.util.Arrays;

/** Latencies in milliseconds, and their percentiles. */
public final class Latencies {

    private double[] values = new double[1024];
    private int size;

    public synchronized void add(double millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    public synchronized int count() {
        return size;
    }

    /** The latency below which {@code percent} of them fall (nearest rank); NaN when empty. */
    public synchronized double percentile(double percent) {
        if (size == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
