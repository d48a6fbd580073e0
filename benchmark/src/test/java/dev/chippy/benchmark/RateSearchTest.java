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
    void comesDownFromAStartAboveTheCapacityOnceASecondTrialConfirmsIt() {
        double found = new RateSearch(12).highestKeptUp(1_000, rate -> capacity(230, rate));

        assertThat(found).isLessThanOrEqualTo(230).isGreaterThan(230 / 1.1);
        assertThat(offered).startsWith(1_000.0, 1_000.0);
        assertThat(offered.get(2)).isLessThan(1_000.0);
    }

    @Test
    void oneUnluckyTrialDoesNotEndTheSearch() {
        boolean[] unlucky = {true};
        double found = new RateSearch(16).highestKeptUp(100, rate -> {
            offered.add(rate);
            if (unlucky[0]) {
                unlucky[0] = false;
                return false;
            }
            return rate <= 2_577;
        });

        assertThat(offered).startsWith(100.0, 100.0, 150.0);
        assertThat(found).isLessThanOrEqualTo(2_577).isGreaterThan(2_577 / 1.1);
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
