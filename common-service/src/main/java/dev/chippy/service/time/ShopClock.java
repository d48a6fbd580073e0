package dev.chippy.service.time;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Simulated time: preparers, the cook and the tills spend time here.
 *
 * <p>Waiting is on a monitor, not {@code Thread.sleep}, so that closing the shop wakes
 * every waiter at once: the application context publishes {@link ContextClosedEvent}
 * before it stops the Kafka listener containers, and a waiter woken that way throws
 * {@link ShopClosingException}. A shutdown therefore never waits for an order to be
 * fried; the order is handed back instead.
 */
public class ShopClock implements ApplicationListener<ContextClosedEvent> {

    private final ShopTimings timings;
    private final Object bell = new Object();
    private volatile boolean closing;

    public ShopClock(ShopTimings timings) {
        this.timings = timings;
    }

    public ShopTimings timings() {
        return timings;
    }

    /** Spends a random time picked from {@code range}, scaled by the speed factor. */
    public void spend(TimeRange range) {
        pause(timings.scaled(range.pick(ThreadLocalRandom.current())));
    }

    /**
     * Waits for {@code duration} of real time, or until the shop closes.
     *
     * @throws ShopClosingException when the shop closes first, or the thread is interrupted
     */
    public void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (bell) {
            long remaining;
            while (!closing && (remaining = deadline - System.nanoTime()) > 0) {
                try {
                    bell.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ShopClosingException();
                }
            }
        }
        if (closing) {
            throw new ShopClosingException();
        }
    }

    public boolean closing() {
        return closing;
    }

    /** Wakes every waiter; from now on every pause ends at once. */
    public void close() {
        closing = true;
        synchronized (bell) {
            bell.notifyAll();
        }
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        close();
    }
}
