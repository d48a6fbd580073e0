package dev.chippy.runner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceJvmTest {

    @Test
    void theMeasuredShopGivesThePreparerAndTheCookSmallerHeapsThanTheTillAndTheRecordKeeper() {
        assertThat(ServiceJvm.MEASURED.options("preparer-service")).contains("-Xmx128m").doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(ServiceJvm.MEASURED.options("cook-service")).contains("-Xmx128m");
        assertThat(ServiceJvm.MEASURED.options("till-service")).contains("-Xmx256m");
        assertThat(ServiceJvm.MEASURED.options("order-sink-service")).contains("-Xmx256m");
        assertThat(ServiceJvm.DEMO.options("preparer-service")).contains("-Xmx384m", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void compactObjectHeadersOnlyWhereTheyAreAProductOption() {
        assertThat(ServiceJvm.MEASURED.options("till-service").contains("-XX:+UseCompactObjectHeaders"))
                .isEqualTo(Runtime.version().feature() >= 25);
    }

    /** The options are the JVM's own to judge: the JDK that runs the runner, which starts the services, takes every one. */
    @Test
    void theJdkThatStartsTheServicesAcceptsEveryOption() throws IOException, InterruptedException {
        for (ServiceJvm jvm : List.of(ServiceJvm.DEMO, ServiceJvm.MEASURED)) {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
            command.addAll(jvm.options("till-service"));
            command.add("-version");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(ServiceJvm.ENVIRONMENT);
            Process java = builder.start();
            String output = new String(java.getInputStream().readAllBytes());
            assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(java.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        }
    }
}
