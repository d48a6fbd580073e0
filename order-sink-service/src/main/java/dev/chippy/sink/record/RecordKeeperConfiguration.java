package dev.chippy.sink.record;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** How the record keeper copes when it cannot store a batch. */
@Configuration(proxyBeanMethods = false)
class RecordKeeperConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * A batch that cannot be stored (the database is away) is tried again with the
     * consumer paused, after a growing pause, for as long as it takes: the record keeper
     * never skips an event, it waits for the database. Messages that cannot be read never
     * get here; they go to the dead-letter topic inside the batch.
     */
    @Bean
    DefaultErrorHandler recordKeeperErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
    }
}
