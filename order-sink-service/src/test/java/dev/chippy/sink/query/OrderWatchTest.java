package dev.chippy.sink.query;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import dev.chippy.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OrderWatchTest {

    private final OrderWatch watch = new OrderWatch(new QueryProperties(Duration.ofMinutes(5), Duration.ofSeconds(1), 3, 2,
            Duration.ofSeconds(10)));

    @Test
    void pastItsShareAClientIsToldToSlowDownAndPastEveryonesTheServiceIsBusy() {
        CompletableFuture<Void> first = watch.await(UUID.randomUUID(), OrderStatus.READY, "10.0.0.1");
        watch.await(UUID.randomUUID(), OrderStatus.READY, "10.0.0.1");

        TooManyWaitersException ownShare = catchThrowableOfType(TooManyWaitersException.class,
                () -> watch.await(UUID.randomUUID(), OrderStatus.READY, "10.0.0.1"));
        watch.await(UUID.randomUUID(), OrderStatus.READY, "10.0.0.2");
        TooManyWaitersException everyones = catchThrowableOfType(TooManyWaitersException.class,
                () -> watch.await(UUID.randomUUID(), OrderStatus.READY, "10.0.0.3"));

        assertThat(ownShare.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(everyones.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(watch.waiting()).isEqualTo(3);
    }

    @Test
    void aWaiterThatGivesUpMakesRoom() {
        CompletableFuture<Void> first = watch.await(UUID.randomUUID(), OrderStatus.READY, "10.0.0.1");
        watch.await(UUID.randomUUID(), OrderStatus.READY, "10.0.0.1");

        first.cancel(false);

        assertThat(watch.await(UUID.randomUUID(), OrderStatus.READY, "10.0.0.1")).isNotDone();
        assertThat(watch.waiting()).isEqualTo(2);
    }
}
