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
    void climbsFromALowStartToWithinTenPercentBelowTheCapacityTwoTrialsARate() {
        double found = new RateSearch(24).highestKeptUp(100, rate -> capacity(437, rate));

        assertThat(found).isLessThanOrEqualTo(437).isGreaterThan(437 / 1.1);
        assertThat(offered).startsWith(100.0, 100.0, 200.0, 200.0, 400.0, 400.0, 800.0, 800.0, 600.0, 600.0);
    }

    @Test
    void comesDownFromAStartAboveTheCapacity() {
        double found = new RateSearch(24).highestKeptUp(1_000, rate -> capacity(230, rate));

        assertThat(found).isLessThanOrEqualTo(230).isGreaterThan(230 / 1.1);
        assertThat(offered).startsWith(1_000.0, 1_000.0, 500.0, 500.0, 250.0, 250.0, 125.0);
    }

    @Test
    void oneUnluckyFallsBehindDoesNotEndTheSearch() {
        List<Boolean> unlucky = new ArrayList<>(List.of(false));
        double found = new RateSearch(24).highestKeptUp(100, rate -> {
            offered.add(rate);
            return unlucky.isEmpty() ? rate <= 2_577 : unlucky.remove(0);
        });

        assertThat(offered).startsWith(100.0, 100.0, 100.0, 200.0);
        assertThat(found).isLessThanOrEqualTo(2_577).isGreaterThan(2_577 / 1.1);
    }

    @Test
    void oneLuckyKeepsUpDoesNotRaiseTheResult() {
        // Capacity 1,000; the first trial at 1,600 is lucky and keeps up, the next two do not.
        boolean[] lucky = {true};
        double found = new RateSearch(30).highestKeptUp(100, rate -> {
            offered.add(rate);
            if (rate == 1_600 && lucky[0]) {
                lucky[0] = false;
                return true;
            }
            return rate <= 1_000;
        });

        assertThat(offered).containsSubsequence(1_600.0, 1_600.0, 1_600.0);
        assertThat(found).isLessThanOrEqualTo(1_000).isGreaterThan(1_000 / 1.1);
    }

    @Test
    void stopsWhenTheTrialsRunOutWithTheBestSoFar() {
        double found = new RateSearch(5).highestKeptUp(100, rate -> capacity(10_000, rate));

        assertThat(offered).containsExactly(100.0, 100.0, 200.0, 200.0);
        assertThat(found).isEqualTo(200.0);
    }

    @Test
    void saysZeroWhenNothingKeepsUp() {
        assertThat(new RateSearch(6).highestKeptUp(100, rate -> false)).isZero();
    }
}
