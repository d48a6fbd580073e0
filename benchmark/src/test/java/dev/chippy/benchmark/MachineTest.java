package dev.chippy.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MachineTest {

    @Test
    void stealIsTheStolenShareOfTheTicksSpentSinceTheEarlierReading() {
        Machine.CpuTimes earlier = new Machine.CpuTimes(10_000, 100);
        Machine.CpuTimes later = new Machine.CpuTimes(12_000, 400);

        assertThat(later.stealPercentSince(earlier)).isEqualTo(15.0);
        assertThat(earlier.stealPercentSince(earlier)).isZero();
    }

    @Test
    void theSpeedIsAPositiveNumberOfMegabytesPerSecond() {
        assertThat(Machine.speed()).isPositive().isFinite();
    }
}
