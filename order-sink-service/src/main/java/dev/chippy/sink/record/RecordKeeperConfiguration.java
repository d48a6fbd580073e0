package dev.chippy.sink.record;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** How the record keeper copes when it cannot store a batch. */
@Configuration(proxyBeanMethods = false)
class RecordKeeperConfiguration {

    /** The first pause before a batch that could not be stored is tried again. */
    static final Duration FIRST_RETRY = Duration.ofMillis(200);
    /**
     * The longest pause between attempts: once the database is back, storing resumes within
     * this (plus a connection), not after a pause that grew during a long outage.
     */
    static final Duration LONGEST_RETRY = Duration.ofSeconds(2);

    /**
     * A batch that cannot be stored (the database is away) is tried again with the
     * consumer paused, after a growing pause capped at {@link #LONGEST_RETRY}, for as long as
     * it takes: the record keeper never skips an event, it waits for the database, and says
     * so in the log ({@link DatabaseOutages}). Messages that cannot be read, or can be read but
     * not stored, never get here; they go to the dead-letter topic inside the batch.
     */
    @Bean
    DefaultErrorHandler recordKeeperErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY.toMillis(), 2.0);
        backOff.setMaxInterval(LONGEST_RETRY.toMillis());
        return new DefaultErrorHandler(backOff);
    }
}
