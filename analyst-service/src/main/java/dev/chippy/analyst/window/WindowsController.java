package dev.chippy.analyst.window;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.chippy.event.WindowTallied;
import dev.chippy.service.kafka.ShopKafkaProperties;
import dev.chippy.event.WindowTallied.Measure;

/**
 * Questions about windows of time, answered from the analyst's own state stores (Kafka
 * Streams' interactive queries), not from a database. Each answer says which of its windows
 * are closed, so final, and which are still open and may change.
 */
@RestController
@RequestMapping("/windows")
class WindowsController {

    static final String CLOSED_MEANS = "A window is closed once the analyst has counted, from every partition, orders"
            + " placed more than the grace after it ended: Kafka Streams has moved past it and adds nothing more to it."
            + " An open window may still change; while the shop is quiet, its latest windows stay open.";

    private final KafkaStreamsInteractiveQueryService queries;
    private final AnalystProperties properties;
    private final Clock clock;
    private final int partitions;

    WindowsController(KafkaStreamsInteractiveQueryService queries, AnalystProperties properties, Clock clock,
                      ShopKafkaProperties kafka) {
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
        this.partitions = kafka.partitions();
    }

    /**
     * One window of one subject.
     *
     * @param count   events in it: orders taken, orders with the portion, orders ready
     * @param total   their amounts summed: pence taken, portions, milliseconds from placed to ready
     * @param largest the largest single amount
     */
    record Window(String subject, Instant start, Instant end, long count, long total, long largest, boolean closed) {

        Window asClosed() {
            return new Window(subject, start, end, count, total, largest, true);
        }
    }

    /** Two partitions' shares of one window. */
    private static Window add(Window a, Window b) {
        return new Window(a.subject(), a.start(), a.end(), a.count() + b.count(), a.total() + b.total(),
                Math.max(a.largest(), b.largest()), false);
    }

    /**
     * Closed once every partition has come more than the grace past the window's end: no share
     * of it can grow any more. A partition the analyst has counted nothing from yet keeps it open.
     */
    private boolean closed(Window window, Map<Integer, Instant> reached) {
        Instant past = window.end().plus(properties.grace());
        for (int partition = 0; partition < partitions; partition++) {
            Instant there = reached.get(partition);
            if (there == null || there.isBefore(past)) {
                return false;
            }
        }
        return true;
    }

    record Windows(Measure measure, Duration size, Duration advance, Duration grace, Instant from, Instant to,
                   String closedMeans, List<Window> windows) {
    }

    /** Orders each till took per minute, and the pence they took. */
    @GetMapping("/orders-per-till")
    Windows ordersPerTill(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                          @RequestParam(required = false) String till) {
        return windows(Measure.TILL_ORDERS, from, to, till);
    }

    /** Items of the menu ordered over five minutes, every minute: {@code total} is how many, {@code count} in how many orders. */
    @GetMapping("/items")
    Windows items(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                  @RequestParam(required = false) String item) {
        return windows(Measure.ITEMS, from, to, item);
    }

    /** Portions of each kind ordered over five minutes, every minute. */
    @GetMapping("/portions")
    Windows portions(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                     @RequestParam(required = false) String portion) {
        return windows(Measure.PORTIONS, from, to, portion);
    }

    /** How long the orders that became ready in each minute took, from placed to ready. */
    @GetMapping("/ready-time")
    Windows readyTime(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        return windows(Measure.READY_TIME, from, to, null);
    }

    /**
     * The money the whole shop took per minute: the tills' windows added up. A minute is closed
     * when every till's window in it is.
     */
    @GetMapping("/takings")
    Windows takings(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        Windows tills = windows(Measure.TILL_ORDERS, from, to, null);
        Map<Instant, Window> minutes = new TreeMap<>();
        for (Window till : tills.windows()) {
            minutes.merge(till.start(), new Window(WindowTallied.SHOP, till.start(), till.end(), till.count(), till.total(),
                    till.total(), till.closed()), (a, b) -> new Window(WindowTallied.SHOP, a.start(), a.end(),
                    a.count() + b.count(), a.total() + b.total(), Math.max(a.largest(), b.largest()), a.closed() && b.closed()));
        }
        return new Windows(tills.measure(), tills.size(), tills.advance(), tills.grace(), tills.from(), tills.to(),
                CLOSED_MEANS + " For takings, largest is the most one till took in the minute.", List.copyOf(minutes.values()));
    }

    private Windows windows(Measure measure, Instant from, Instant to, String subject) {
        Instant until = to != null ? to : clock.instant();
        Instant since = from != null ? from : until.minus(Duration.ofMinutes(15));
        if (since.isAfter(until)) {
            throw new InvalidWindowQueryException("from (" + since + ") is after to (" + until + ")");
        }
        if (Duration.between(since, until).compareTo(properties.largestQuery()) > 0) {
            throw new InvalidWindowQueryException("from " + since + " to " + until + " is longer than the "
                    + properties.largestQuery() + " a question may span (chippy.analyst.largest-query)");
        }
        ReadOnlyWindowStore<String, Tally> store = queries.retrieveQueryableStore(ShopWindows.store(measure),
                QueryableStoreTypes.windowStore());
        // How far Kafka Streams has come in each partition: at least to the latest window begun there.
        Map<Integer, Instant> reached = new HashMap<>();
        Map<String, Window> asked = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, Tally> all = store.all()) {
            all.forEachRemaining(share -> {
                Instant start = share.key.window().startTime();
                reached.merge(Share.partitionOf(share.key.key()), start, (a, b) -> a.isAfter(b) ? a : b);
                String about = Share.subjectOf(share.key.key());
                if (start.isBefore(since) || start.isAfter(until) || (subject != null && !subject.equals(about))) {
                    return;
                }
                Tally tally = share.value;
                asked.merge(start + "/" + about, new Window(about, start, share.key.window().endTime(), tally.count(),
                        tally.total(), tally.largest(), false), WindowsController::add);
            });
        }
        List<Window> windows = asked.values().stream()
                .map(window -> closed(window, reached) ? window.asClosed() : window)
                .sorted(Comparator.comparing(Window::start).thenComparing(Window::subject))
                .toList();
        return new Windows(measure, measure.size(), measure.advance(), properties.grace(), since, until, CLOSED_MEANS, windows);
    }
}
