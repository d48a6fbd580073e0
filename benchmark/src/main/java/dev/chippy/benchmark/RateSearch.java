package dev.chippy.benchmark;

import java.util.function.DoublePredicate;

/**
 * Finds the highest rate a system keeps up with, given a trial that offers one rate and says
 * whether the system kept up. From the starting rate it grows by half until a trial falls
 * behind (or shrinks by a third until one keeps up), then halves the interval between the
 * highest rate kept up with and the lowest fallen behind at, until they are within 10% of
 * each other or the trials run out.
 *
 * <p>A "falls behind" is believed only when a second trial at the same rate agrees: one
 * unlucky trial (a garbage collection, a rebalance, another process taking the cores) once
 * ended a search at a fifteenth of the rate the same shop kept up with two runs later.
 * Confirmations count as trials.
 */
final class RateSearch {

    private static final double CLOSE_ENOUGH = 1.1;

    private final int maxTrials;

    RateSearch(int maxTrials) {
        this.maxTrials = maxTrials;
    }

    /** The highest rate a trial kept up with, or 0 when none did. */
    double highestKeptUp(double start, DoublePredicate keepsUp) {
        double keptUp = 0;
        double fellBehind = Double.POSITIVE_INFINITY;
        double rate = start;
        int trials = 0;
        while (trials < maxTrials) {
            trials++;
            boolean kept = keepsUp.test(rate);
            if (!kept && trials < maxTrials) {
                trials++;
                kept = keepsUp.test(rate);
            }
            if (kept) {
                keptUp = Math.max(keptUp, rate);
            } else {
                fellBehind = Math.min(fellBehind, rate);
            }
            if (keptUp > 0 && fellBehind / keptUp < CLOSE_ENOUGH) {
                break;
            }
            if (fellBehind == Double.POSITIVE_INFINITY) {
                rate *= 1.5;
            } else if (keptUp == 0) {
                rate /= 1.5;
            } else {
                rate = (keptUp + fellBehind) / 2;
            }
        }
        return keptUp;
    }
}
