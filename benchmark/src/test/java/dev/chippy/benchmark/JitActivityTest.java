package dev.chippy.benchmark;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

class JitActivityTest {

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "reads HotSpot's performance data where Linux keeps it")
    void readsHowLongThisVeryJvmHasSpentCompiling() {
        JitActivity jit = new JitActivity(List.of(ProcessHandle.current().pid()));

        // This JVM has loaded JUnit and AssertJ: its compilers have been at work.
        assertThat(jit.compiledMillis()).isPresent();
        assertThat(jit.compiledMillis().getAsDouble()).isPositive();
        assertThat(jit.jvms()).isEqualTo(1);
    }

    @Test
    void saysNothingOfAProcessWithoutCounters() {
        assertThat(new JitActivity(List.of(Long.MAX_VALUE)).compiledMillis()).isEmpty();
    }
}
