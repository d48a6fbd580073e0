package dev.chippy.till.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.chippy.menu.Menu;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderMix;
import dev.chippy.service.time.ShopClock;
import dev.chippy.service.time.ShopClosingException;
import dev.chippy.service.time.ShopTimings;
import dev.chippy.service.time.TimeRange;
import dev.chippy.till.order.OrderTaking;
import dev.chippy.till.order.OrderTicket;
import dev.chippy.till.order.TillUnavailableException;

/**
 * Simulated tills ({@code till-1} … {@code till-N}), each a thread that waits the talk's
 * 1.0–1.5 s between customers (scaled by its speed factor), rolls the die for what they
 * order and places it through {@link OrderTaking}, exactly as a REST order is placed.
 */
@Component
public class SimulatedTills implements SmartLifecycle {

    private static final Log LOG = LogFactory.getLog(SimulatedTills.class);

    private final OrderTaking orderTaking;
    private final ShopClock clock;
    private final OrderMix mix = new OrderMix(Menu.standard());
    private final boolean startWithService;
    private final List<Thread> tills = new ArrayList<>();
    /**
     * The time the open tills wait on, their own so that closing them ends every wait for a
     * customer at once (and only theirs); a new one each time they open.
     */
    private ShopClock openingHours;
    private volatile SimulationSettings settings;
    private volatile boolean running;

    SimulatedTills(OrderTaking orderTaking, ShopClock clock, SimulationProperties properties) {
        this.orderTaking = orderTaking;
        this.clock = clock;
        this.startWithService = properties.enabled();
        this.settings = new SimulationSettings(properties.tills(), properties.plaice(),
                properties.speedFactor() != null ? properties.speedFactor() : clock.timings().speedFactor());
    }

    public SimulationSettings settings() {
        return settings;
    }

    /** True while the tills are taking orders. */
    public synchronized boolean open() {
        return !tills.isEmpty();
    }

    /** Opens the tills (or reopens them with new settings). */
    public synchronized void open(SimulationSettings newSettings) {
        close();
        settings = newSettings;
        ShopClock hours = new ShopClock(clock.timings());
        openingHours = hours;
        for (int i = 1; i <= newSettings.tills(); i++) {
            String tillId = "till-" + i;
            Thread till = new Thread(() -> serveCustomers(tillId, hours), tillId);
            till.setDaemon(true);
            tills.add(till);
            till.start();
        }
        LOG.info("Opened " + newSettings.tills() + " simulated tills: " + newSettings);
    }

    /**
     * Closes every till. A till waiting for a customer stops at once; a till placing an
     * order finishes placing it first, so no order is left half-told. (Threads are not
     * interrupted: an interrupted wait could not say whether its order was placed.)
     */
    public synchronized void close() {
        if (openingHours != null) {
            openingHours.close();
        }
        for (Thread till : tills) {
            try {
                till.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tills.clear();
    }

    /** Changes the settings; open tills reopen with them. */
    public synchronized void change(SimulationSettings newSettings) {
        if (open()) {
            open(newSettings);
        } else {
            settings = newSettings;
        }
    }

    /** Serves customer after customer until the tills ({@code hours}) or the shop close. */
    private void serveCustomers(String tillId, ShopClock hours) {
        TimeRange interval = clock.timings().tillInterval();
        try {
            while (!hours.closing() && !clock.closing()) {
                SimulationSettings now = settings;
                hours.pause(ShopTimings.scaled(interval.pick(ThreadLocalRandom.current()), now.speedFactor()));
                if (clock.closing()) {
                    return;
                }
                try {
                    List<OrderLine> lines = mix.roll(ThreadLocalRandom.current(), now.plaice());
                    OrderTicket ticket = orderTaking.take(tillId, lines, null);
                    LOG.debug(tillId + " placed order " + ticket.number());
                } catch (TillUnavailableException e) {
                    LOG.warn(tillId + " could not place an order: " + e.getMessage());
                    hours.pause(Duration.ofSeconds(1));
                }
            }
        } catch (ShopClosingException closed) {
            // The tills closed while this one waited for a customer.
        }
    }

    @Override
    public void start() {
        running = true;
        if (startWithService) {
            open(settings);
        }
    }

    @Override
    public void stop() {
        close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Closes before the order publisher stops, so no simulated order is cut off. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }
}
