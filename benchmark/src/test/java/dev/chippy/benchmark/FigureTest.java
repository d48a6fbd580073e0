package dev.chippy.benchmark;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FigureTest {

    private static Figure of(Double... runs) {
        return new Figure("Through the shop", "orders", "orders/s", List.of(runs), null, null);
    }

    @Test
    void theMedianOfAnOddNumberOfRunsIsTheMiddleOne() {
        assertThat(of(310.0, 120.0, 290.0).median()).isEqualTo(290.0);
    }

    @Test
    void theMedianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwo() {
        assertThat(of(4.0, 1.0, 3.0, 2.0).median()).isEqualTo(2.5);
    }

    @Test
    void showsTheMedianWithTheLowestAndHighestRun() {
        assertThat(of(5_210.0, 4_980.5, 5_900.0).formatted()).isEqualTo("5,210 (4,981–5,900)");
        assertThat(of(12.25).formatted()).isEqualTo("12.3");
    }

    @Test
    void runsWithinTwentyPercentOfTheMedianAreStable() {
        Figure figure = of(1_811.0, 1_709.0, 2_150.0);

        assertThat(figure.unstable()).isFalse();
        assertThat(figure.formatted()).isEqualTo("1,811 (1,709–2,150)");
    }

    @Test
    void aRunFartherThanTwentyPercentFromTheMedianMarksTheFigureUnstable() {
        Figure figure = of(91.7, 1_436.0, 2_577.0);

        assertThat(figure.spreadPercent()).isCloseTo(100 * (1_436.0 - 91.7) / 1_436.0, within(0.01));
        assertThat(figure.unstable()).isTrue();
        assertThat(figure.formatted()).isEqualTo("1,436 (91.7–2,577) ±94% unstable");
    }

    @Test
    void oneRunIsNeitherStableNorUnstable() {
        assertThat(of(12.25).unstable()).isFalse();
    }

    @Test
    void aFigureWithoutRunsShowsADash() {
        assertThat(of().formatted()).isEqualTo("–");
    }
}
