package dev.chippy.benchmark;

import java.util.function.DoublePredicate;

/**
 * Finds the highest rate a system keeps up with, given a trial that offers one rate and says
 * whether the system kept up. From the starting rate it doubles until a rate falls behind (or
 * halves until one keeps up), then halves the interval between the highest rate kept up with
 * and the lowest fallen behind at, until they are within 10% of each other or the trials run
 * out.
 *
 * <p>Each rate's verdict is the majority of up to three trials: two that agree settle it, a
 * third breaks a tie. Near a system's limit one trial is a coin toss (a garbage collection, a
 * rebalance, another process taking the cores), and a verdict believed from one trial in one
 * direction but confirmed in the other pushes every search the same way: one unlucky "falls
 * behind" once ended a search at a fifteenth of the rate, and confirming only those made the
 * results climb from run to run (decision 8). Every trial counts against the limit.
 */
final class RateSearch {

    private static final double CLOSE_ENOUGH = 1.1;

    private final int maxTrials;
    private int trials;

    RateSearch(int maxTrials) {
        this.maxTrials = maxTrials;
    }

    /** The highest rate a trial kept up with, or 0 when none did. */
    double highestKeptUp(double start, DoublePredicate keepsUp) {
        trials = 0;
        double keptUp = 0;
        double fellBehind = Double.POSITIVE_INFINITY;
        double rate = start;
        // A verdict needs two trials at least.
        while (maxTrials - trials >= 2) {
            if (verdict(rate, keepsUp)) {
                keptUp = Math.max(keptUp, rate);
            } else {
                fellBehind = Math.min(fellBehind, rate);
            }
            if (keptUp > 0 && fellBehind / keptUp < CLOSE_ENOUGH) {
                break;
            }
            if (fellBehind == Double.POSITIVE_INFINITY) {
                rate *= 2;
            } else if (keptUp == 0) {
                rate /= 2;
            } else {
                rate = (keptUp + fellBehind) / 2;
            }
        }
        return keptUp;
    }

    /** Two trials that agree, or the third's word when they do not (or the second's, when no third is left). */
    private boolean verdict(double rate, DoublePredicate keepsUp) {
        boolean first = trial(rate, keepsUp);
        boolean second = trial(rate, keepsUp);
        if (first == second || trials >= maxTrials) {
            return second;
        }
        return trial(rate, keepsUp);
    }

    private boolean trial(double rate, DoublePredicate keepsUp) {
        trials++;
        return keepsUp.test(rate);
    }
}
