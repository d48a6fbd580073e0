package dev.chippy.benchmark;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateSearchTest {

    private final List<Double> offered = new ArrayList<>();

    private boolean capacity(double capacity, double rate) {
        offered.add(rate);
        return rate <= capacity;
    }

    @Test
    void climbsFromALowStartToWithinTenPercentBelowTheCapacity() {
        double found = new RateSearch(12).highestKeptUp(100, rate -> capacity(437, rate));

        assertThat(found).isLessThanOrEqualTo(437).isGreaterThan(437 / 1.1);
        assertThat(offered).startsWith(100.0, 150.0, 225.0, 337.5, 506.25);
    }

    @Test
    void comesDownFromAStartAboveTheCapacity() {
        double found = new RateSearch(12).highestKeptUp(1_000, rate -> capacity(230, rate));

        assertThat(found).isLessThanOrEqualTo(230).isGreaterThan(230 / 1.1);
        assertThat(offered.get(1)).isLessThan(offered.get(0));
    }

    @Test
    void stopsWhenTheTrialsRunOutWithTheBestSoFar() {
        double found = new RateSearch(3).highestKeptUp(100, rate -> capacity(10_000, rate));

        assertThat(offered).containsExactly(100.0, 150.0, 225.0);
        assertThat(found).isEqualTo(225.0);
    }

    @Test
    void saysZeroWhenNothingKeepsUp() {
        assertThat(new RateSearch(5).highestKeptUp(100, rate -> false)).isZero();
    }
}
