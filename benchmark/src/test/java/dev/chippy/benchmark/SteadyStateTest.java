package dev.chippy.benchmark;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SteadyStateTest {

    @Test
    void warmsUpUntilTheLastWindowsAgree() {
        List<Double> figures = List.of(1_169.0, 2_867.0, 4_402.0, 5_300.0, 5_420.0, 5_380.0, 5_400.0);

        SteadyState.Outcome outcome = new SteadyState(0.05, 0, 3, 10).await(n -> figures.get(n - 1));

        assertThat(outcome.steady()).isTrue();
        assertThat(outcome.windows()).containsExactly(1_169.0, 2_867.0, 4_402.0, 5_300.0, 5_420.0, 5_380.0);
        assertThat(outcome.describe("req/s")).startsWith("steady after 6 windows (1,169, 2,867, 4,402, 5,300, 5,420, 5,380 req/s)");
    }

    @Test
    void smallFiguresSettleWithinAnAbsoluteBound() {
        List<Double> p50s = List.of(90.0, 31.0, 28.0, 30.5);

        SteadyState.Outcome outcome = new SteadyState(0.05, 3, 2, 10).await(n -> p50s.get(n - 1));

        assertThat(outcome.windows()).containsExactly(90.0, 31.0, 28.0);
        assertThat(outcome.steady()).isTrue();
    }

    @Test
    void saysSoWhenTheWindowsRunOutBeforeTheFigureSettles() {
        SteadyState.Outcome outcome = new SteadyState(0.05, 0, 2, 4).await(n -> 1_000.0 * n);

        assertThat(outcome.steady()).isFalse();
        assertThat(outcome.windows()).hasSize(4);
        assertThat(outcome.describe("req/s")).contains("not steady after 4 windows").contains("may still be warming up");
    }
}
