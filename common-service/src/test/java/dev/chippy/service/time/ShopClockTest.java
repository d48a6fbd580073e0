package dev.chippy.service.time;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ShopClockTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShopClockAutoConfiguration.class));

    @Test
    void theTalksTimingsAreTheDefaults() {
        context.run(run -> {
            ShopTimings timings = run.getBean(ShopTimings.class);
            assertThat(timings.speedFactor()).isEqualTo(1.0);
            assertThat(timings.tillInterval()).isEqualTo(TimeRange.between(Duration.ofMillis(1000), Duration.ofMillis(1500)));
            assertThat(timings.preparing()).isEqualTo(TimeRange.between(Duration.ofMillis(500), Duration.ofMillis(1000)));
            assertThat(timings.cooking()).isEqualTo(TimeRange.between(Duration.ofMillis(3000), Duration.ofMillis(3200)));
        });
    }

    @Test
    void theSpeedFactorScalesEveryWait() {
        context.withPropertyValues("chippy.shop.speed-factor=0.5", "chippy.shop.cooking.min=2s", "chippy.shop.cooking.max=2s")
                .run(run -> {
                    ShopTimings timings = run.getBean(ShopTimings.class);
                    assertThat(timings.scaled(timings.cooking().min())).isEqualTo(Duration.ofSeconds(1));
                });
        context.withPropertyValues("chippy.shop.speed-factor=0").run(run ->
                assertThat(run.getBean(ShopTimings.class).scaled(Duration.ofSeconds(3))).isZero());
    }

    @Test
    void closingTheShopWakesEveryoneWaiting() {
        context.run(run -> {
            ShopClock clock = run.getBean(ShopClock.class);
            CompletableFuture<Void> frying = CompletableFuture.runAsync(() -> clock.pause(Duration.ofHours(1)));

            run.close();

            await().atMost(Duration.ofSeconds(10)).until(frying::isDone);
            assertThat(frying).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(ShopClosingException.class);
        });
    }
}
