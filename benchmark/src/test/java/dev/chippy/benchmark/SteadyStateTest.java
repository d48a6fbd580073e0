package dev.chippy.benchmark;

import java.util.List;
import java.util.OptionalDouble;

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

    @Test
    void aFigureThatStandsStillWhileTheJitStillCompilesIsNotWarmYet() {
        List<Double> figures = List.of(1_000.0, 1_010.0, 1_005.0, 1_000.0, 1_002.0, 1_004.0);
        // Compiling so far, read after each window: 900, 400 and 300 ms in the first windows, then 1 ms a window.
        List<Double> compiledSoFar = List.of(0.0, 900.0, 1_300.0, 1_600.0, 1_601.0, 1_602.0, 1_603.0);
        int[] reads = {0};
        SteadyState.Compilers jit = new SteadyState.Compilers() {
            @Override
            public OptionalDouble compiledMillis() {
                return OptionalDouble.of(compiledSoFar.get(reads[0]++));
            }

            @Override
            public int jvms() {
                return 1;
            }
        };

        long[] clock = {0};
        // Each window takes 5 s: 2% of it is 100 ms of compiling.
        SteadyState.Outcome outcome = new SteadyState(0.05, 0, 3, 10).await(n -> figures.get(n - 1), jit,
                () -> clock[0] += 5_000_000_000L);

        assertThat(outcome.windows()).hasSize(4);
        assertThat(outcome.compiling()).containsExactly(900.0, 400.0, 300.0, 1.0);
        assertThat(outcome.steady()).isTrue();
        assertThat(outcome.describe("req/s")).contains("compiling 900, 400, 300, 1.0 ms a window");
    }
}
