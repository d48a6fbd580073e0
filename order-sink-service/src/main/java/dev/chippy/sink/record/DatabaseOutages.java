package dev.chippy.sink.record;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Says in the log when a listener thread cannot store (the database is away) and when it
 * stores again. Spring's batch retry logs its attempts only at debug level, so without this
 * a record keeper waiting for PostgreSQL would look from outside like one that had stopped.
 */
final class DatabaseOutages {

    private static final Log LOG = LogFactory.getLog(RecordKeeperListener.class);
    /** After the first failure, one line every this many attempts. */
    private static final int LOG_EVERY = 10;

    private record Outage(long since, int attempts) {
    }

    private final Map<Thread, Outage> outages = new ConcurrentHashMap<>();

    void failed(Exception e) {
        Outage outage = outages.merge(Thread.currentThread(), new Outage(System.nanoTime(), 1),
                (was, now) -> new Outage(was.since(), was.attempts() + 1));
        if (outage.attempts() == 1 || outage.attempts() % LOG_EVERY == 0) {
            LOG.warn("Could not store a batch (attempt " + outage.attempts() + ", the database may be away): " + e
                    + "; trying again shortly, without skipping anything");
        }
    }

    void stored() {
        Outage outage = outages.remove(Thread.currentThread());
        if (outage != null) {
            LOG.info("Storing again after " + outage.attempts() + " failed attempt(s) over "
                    + Duration.ofNanos(System.nanoTime() - outage.since()).toMillis() + " ms");
        }
    }
}
