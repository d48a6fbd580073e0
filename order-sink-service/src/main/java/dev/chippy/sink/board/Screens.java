package dev.chippy.sink.board;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.chippy.sink.query.Homework;
import dev.chippy.sink.query.StatsQueries;
import dev.chippy.topic.ShopGroup;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browsers watching the board, and the schedule that feeds them. Three tasks, each on
 * its own thread so that none waits for another: every {@code push-interval} the board, if
 * it changed, is drawn once and offered to every screen (however many orders a second the
 * shop takes, a screen gets at most four boards a second); every {@code lag-interval} the
 * consumer groups are read from Kafka; every {@code stats-interval}, while anyone watches
 * and something changed, the counts are asked of PostgreSQL once for all screens.
 *
 * <p>Nothing here runs on the record keeper's listener thread, and no screen can hold up
 * another or the shop: see {@link Screen}. A screen whose send has not finished within
 * {@code stalled-screen} is closed. A browser that stops reading is found that way once the
 * connection's socket buffers are full: on loopback that is a few MB, so a minute or more of
 * a busy board; across a network usually much less.
 */
@Component
class Screens implements SmartLifecycle {

    static final String BOARD = "board";
    static final String LAG = "lag";
    static final String COUNTS = "counts";
    static final String TRENDS = "trends";
    static final String CABINET = "cabinet";
    private static final Log LOG = LogFactory.getLog(Screens.class);
    /** Browsers reconnect after this long; each connection is ended after {@link #CONNECTION}. */
    private static final long RECONNECT_MS = 2_000;
    private static final Duration CONNECTION = Duration.ofMinutes(30);
    /** A slow database is asked less often: the counts take at most a fifth of its time. */
    private static final int COUNTS_SHARE = 5;
    /** One thread per scheduled task: push, lag, counts. */
    private static final int TASKS = 3;
    /** A sender thread not needed for this long ends; the next screen's send makes one again. */
    private static final Duration IDLE_SENDER = Duration.ofSeconds(30);

    private final OrderBoard board;
    private final ShopTrends trends;
    private final CabinetWatch cabinet;
    private final ConsumerLag lag;
    private final StatsQueries stats;
    private final JsonMapper json;
    private final BoardProperties properties;
    private final ThreadPoolTaskSchedulerBuilder schedulers;
    private final ThreadPoolTaskExecutorBuilder executors;
    private final Set<Screen> screens = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private ThreadPoolTaskScheduler schedule;
    private ThreadPoolTaskExecutor senders;

    // Each of these is touched by one scheduled task only.
    private long pushedVersion = -1;
    private long pushedTrends = -1;
    private long pushedCabinet = -1;
    private long countedVersion = -1;
    private long nextCount;
    private volatile String counts;

    Screens(OrderBoard board, ShopTrends trends, CabinetWatch cabinet, ConsumerLag lag, StatsQueries stats, JsonMapper json,
            BoardProperties properties, ThreadPoolTaskSchedulerBuilder schedulers, ThreadPoolTaskExecutorBuilder executors) {
        this.board = board;
        this.trends = trends;
        this.cabinet = cabinet;
        this.lag = lag;
        this.stats = stats;
        this.json = json;
        this.properties = properties;
        this.schedulers = schedulers;
        this.executors = executors;
    }

    /** A new screen for a browser at {@code client}: it gets the whole board at once, then whatever changes. */
    SseEmitter connect(String client) {
        if (!running) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The board is closed");
        }
        if (screens.size() >= properties.maxScreens()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "The board has " + properties.maxScreens() + " screens watching already");
        }
        if (screens.stream().filter(screen -> screen.client().equals(client)).count() >= properties.maxScreensPerClient()) {
            throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
                    "This client has " + properties.maxScreensPerClient() + " screens watching already");
        }
        SseEmitter emitter = new SseEmitter(CONNECTION.toMillis());
        Screen screen = new Screen(client, emitter, senders);
        emitter.onCompletion(() -> screens.remove(screen));
        emitter.onTimeout(screen::close);
        emitter.onError(failure -> screen.close());
        screens.add(screen);
        try {
            emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MS).comment("Chippy, live"));
        } catch (IOException e) {
            screen.close();
            return emitter;
        }
        screen.offer(BOARD, write(board.view()));
        screen.offer(TRENDS, write(trends.view()));
        screen.offer(CABINET, write(cabinet.view()));
        screen.offer(LAG, write(lag.view()));
        String latestCounts = counts;
        if (latestCounts != null) {
            screen.offer(COUNTS, latestCounts);
        }
        return emitter;
    }

    int watching() {
        return screens.size();
    }

    private void push() {
        long now = System.nanoTime();
        screens.removeIf(screen -> {
            if (screen.stalled(now, properties.stalledScreen())) {
                screen.abandon();
            }
            return screen.closed();
        });
        if (screens.isEmpty()) {
            return;
        }
        if (trends.version() != pushedTrends) {
            TrendsView view = trends.view();
            pushedTrends = view.version();
            offerAll(TRENDS, write(view));
        }
        if (board.version() == pushedVersion) {
            return;
        }
        BoardView view = board.view();
        pushedVersion = view.version();
        offerAll(BOARD, write(view));
    }

    private void readLag() {
        try {
            cabinet.read();
            if (!screens.isEmpty() && cabinet.version() != pushedCabinet) {
                CabinetView view = cabinet.view();
                pushedCabinet = view.version();
                offerAll(CABINET, write(view));
            }
        } catch (RuntimeException e) {
            // The cabinets are a pane of their own: the lag is read whatever happens to them.
            LOG.debug("Could not read the hot cabinets: " + e.getMessage());
        }
        lag.read();
        board.owners(lag.preparersOwners(), lag.owners(ShopGroup.COOKS));
        if (!screens.isEmpty()) {
            offerAll(LAG, write(lag.view()));
        }
    }

    private void count() {
        long version = board.version();
        if (screens.isEmpty() || System.nanoTime() < nextCount || (counts != null && version == countedVersion)) {
            return;
        }
        long started = System.nanoTime();
        Homework homework;
        try {
            homework = stats.homework();
        } catch (RuntimeException e) {
            LOG.debug("Could not count for the board: " + e.getMessage());
            return;
        } finally {
            nextCount = started + Math.max(properties.statsInterval().toNanos(), (System.nanoTime() - started) * COUNTS_SHARE);
        }
        countedVersion = version;
        String counted = write(homework);
        if (!counted.equals(counts)) {
            counts = counted;
            offerAll(COUNTS, counted);
        }
    }

    private void offerAll(String event, String data) {
        screens.forEach(screen -> screen.offer(event, data));
    }

    private String write(Object value) {
        return json.writeValueAsString(value);
    }

    /**
     * The pools are the board's own, made with Spring Boot's builders and owned here rather than
     * by the context, so that {@link #stop()} ends them in its own order. Their threads are
     * daemons: a send stuck on a browser that stopped reading never keeps the JVM up.
     */
    @Override
    public void start() {
        // A thread per screen at most, made when needed: a browser that stops reading blocks
        // only its own send (until the write times out), never another screen's. On stop, sends
        // already under way or waiting finish on their own, to screens closed by then.
        int threads = properties.maxScreens();
        senders = executors.corePoolSize(threads).maxPoolSize(threads).queueCapacity(Integer.MAX_VALUE)
                .keepAlive(IDLE_SENDER).allowCoreThreadTimeOut(true)
                .awaitTermination(true).awaitTerminationPeriod(Duration.ZERO)
                .threadNamePrefix("chippy-screen-").additionalCustomizers(executor -> executor.setDaemon(true))
                .build();
        senders.initialize();
        // On stop, the scheduled tasks are cancelled and interrupted, and nothing waits for them.
        schedule = schedulers.poolSize(TASKS).awaitTermination(false).awaitTerminationPeriod(Duration.ZERO)
                .threadNamePrefix("chippy-board-").additionalCustomizers(scheduler -> scheduler.setDaemon(true))
                .build();
        schedule.initialize();
        every(properties.pushInterval(), this::push);
        every(properties.lagInterval(), this::readLag);
        every(properties.statsInterval(), this::count);
        running = true;
    }

    /** Runs {@code task} repeatedly; a failure is logged and the next run comes as usual. */
    private void every(Duration interval, Runnable task) {
        schedule.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("The board's " + interval + " task failed: " + e, e);
            }
        }, interval);
    }

    /** Ends every screen's stream first, so that the web server's graceful shutdown need not wait for them. */
    @Override
    public void stop() {
        running = false;
        schedule.shutdown();
        screens.forEach(Screen::close);
        screens.clear();
        senders.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
