package dev.chippy.benchmark;

import java.util.List;

/** Latency percentiles of one system at several offered loads: the points of a line in the plot. */
record LatencyCurve(String system, String percentile, List<Point> points) {

    record Point(double offeredPerSecond, double millis) {
    }
}
