package dev.chippy.analyst.window;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.event.ShopEvent;
import dev.chippy.event.ShopJson;
import dev.chippy.event.WindowTallied;
import dev.chippy.event.WindowTallied.Measure;
import dev.chippy.order.OrderStatus;
import dev.chippy.topic.ShopTopic;

/**
 * The analyst's topology: what it reads, how it counts, and where the counts go.
 *
 * <pre>
 *  chippy.orders ──┬─ by till ──────► tumbling 1 min ─► till-orders  ─┐
 *                  ├─ by item ──────► hopping 5 min/1 ─► items        ─┤
 *                  ├─ by portion ───► hopping 5 min/1 ─► portions     ─┼─► chippy.shop-windows
 *                  └─ placed at ─┐                                     │   (a share per partition)
 *  chippy.order-status ─ READY ──┴─ join by order id ─► 1 min ─► ready-time ─┘
 * </pre>
 *
 * Time is the events' own time (when the order was placed, when it became ready), not when
 * the analyst read them, so the same orders give the same windows however late they are read,
 * as long as they come within the grace.
 */
public final class ShopWindows {

    /** The state stores, by measure: each a window store that the REST queries read. */
    public static String store(Measure measure) {
        return measure.name().toLowerCase().replace('_', '-');
    }

    private ShopWindows() {
    }

    /**
     * Adds the analyst's counting to {@code builder}.
     *
     * @param grace       how late an event may be for its window
     * @param readyWithin how long after placing an order its READY is still joined to it
     * @param retention   how long each window is kept in its store
     */
    public static void addTo(StreamsBuilder builder, Duration grace, Duration readyWithin, Duration retention, Clock clock) {
        Serde<ShopEvent> events = json(ShopEvent.class);
        Consumed<String, ShopEvent> byEventTime = Consumed.with(Serdes.String(), events).withTimestampExtractor(new EventTime());

        KStream<String, OrderPlaced> placed = builder.stream(ShopTopic.ORDERS.topicName(), byEventTime.withName("orders"))
                .filter((orderId, event) -> event instanceof OrderPlaced, Named.as("only-orders-placed"))
                .mapValues(event -> (OrderPlaced) event);

        KTable<Windowed<String>, Tally> tillOrders = tally(Measure.TILL_ORDERS, placed,
                order -> List.of(KeyValue.pair(order.order().tillId(), (long) order.order().totalPence())), grace, retention);

        KTable<Windowed<String>, Tally> items = tally(Measure.ITEMS, placed, order -> {
            List<KeyValue<String, Long>> each = new ArrayList<>();
            order.order().lines().forEach(line -> each.add(KeyValue.pair(line.item().id(), (long) line.quantity())));
            return each;
        }, grace, retention);

        KTable<Windowed<String>, Tally> portions = tally(Measure.PORTIONS, placed, order -> {
            List<KeyValue<String, Long>> each = new ArrayList<>();
            order.order().portions().forEach((portion, count) -> each.add(KeyValue.pair(portion.id(), (long) count)));
            return each;
        }, grace, retention);

        // Every event of an order is keyed by its id on every topic, and the topics have as many
        // partitions each (every service checks), so an order's placing and its READY meet in the
        // same task without a repartition.
        KStream<String, Long> placedAt = placed.mapValues(order -> order.order().placedAt().toEpochMilli(), Named.as("placed-at"));
        KStream<String, Long> readyAt = builder.stream(ShopTopic.ORDER_STATUS.topicName(), byEventTime.withName("order-status"))
                .filter((orderId, event) -> event instanceof OrderStatusChanged change && change.status() == OrderStatus.READY,
                        Named.as("only-ready"))
                .mapValues(event -> event.at().toEpochMilli(), Named.as("ready-at"));
        // The joined record has the later of the two times: when the order became ready.
        KStream<String, Long> readyAfter = placedAt.join(readyAt,
                (placedMillis, readyMillis) -> Math.max(0, readyMillis - placedMillis),
                JoinWindows.ofTimeDifferenceAndGrace(readyWithin, grace),
                StreamJoined.with(Serdes.String(), Serdes.Long(), Serdes.Long()).withName("placed-then-ready")
                        .withStoreName("placed-then-ready"));
        KTable<Windowed<String>, Tally> readyTime = tally(Measure.READY_TIME, readyAfter,
                millis -> List.of(KeyValue.pair(WindowTallied.SHOP, millis)), grace, retention);

        Produced<String, ShopEvent> toWindows = Produced.with(Serdes.String(), events);
        changes(tillOrders, Measure.TILL_ORDERS, clock).to(ShopTopic.SHOP_WINDOWS.topicName(), toWindows.withName("till-orders-out"));
        changes(items, Measure.ITEMS, clock).to(ShopTopic.SHOP_WINDOWS.topicName(), toWindows.withName("items-out"));
        changes(portions, Measure.PORTIONS, clock).to(ShopTopic.SHOP_WINDOWS.topicName(), toWindows.withName("portions-out"));
        changes(readyTime, Measure.READY_TIME, clock).to(ShopTopic.SHOP_WINDOWS.topicName(), toWindows.withName("ready-time-out"));
    }

    /**
     * Tallies what each record brings to each of its subjects, in windows of the measure.
     *
     * <p>Counting by till, say, needs the orders re-keyed by till, so through a repartition topic.
     * With the default partitioner, a till's orders from every input partition would meet in one
     * partition of it, interleaved as the analyst's tasks happen to run: after a restart with a
     * backlog, one task can be a thousand records ahead of another, and the windows it moves past
     * would drop the others' orders as late. So each input partition's share is counted apart
     * ({@code till-1@2}: till-1's orders from partition 2), and the repartition keeps each share in
     * its partition number, where its records stay in the order they were written. Readers add the
     * shares up (decision 18).
     */
    private static <V> KTable<Windowed<String>, Tally> tally(Measure measure, KStream<String, V> records,
            Function<V, List<KeyValue<String, Long>>> amounts, Duration grace, Duration retention) {
        String name = store(measure);
        return records
                .process(() -> new Shares<>(amounts), Named.as(name + "-shares"))
                .repartition(Repartitioned.<String, Long>as(name)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long())
                        .withStreamPartitioner((topic, share, amount, partitions) ->
                                Optional.of(Set.of(Share.partitionOf(share) % partitions))))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()))
                .windowedBy(windows(measure, grace))
                .aggregate(() -> Tally.NONE, (share, amount, tally) -> tally.plus(amount), stored(measure, retention));
    }

    /** Re-keys each record to its subjects' shares of the partition it was read from. */
    private static final class Shares<V> implements Processor<String, V, String, Long> {

        private final Function<V, List<KeyValue<String, Long>>> amounts;
        private ProcessorContext<String, Long> context;

        Shares(Function<V, List<KeyValue<String, Long>>> amounts) {
            this.amounts = amounts;
        }

        @Override
        public void init(ProcessorContext<String, Long> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, V> record) {
            int partition = context.recordMetadata().orElseThrow().partition();
            for (KeyValue<String, Long> amount : amounts.apply(record.value())) {
                context.forward(record.withKey(Share.of(amount.key, partition)).withValue(amount.value));
            }
        }
    }

    static TimeWindows windows(Measure measure, Duration grace) {
        return TimeWindows.ofSizeAndGrace(measure.size(), grace).advanceBy(measure.advance());
    }

    private static Materialized<String, Tally, WindowStore<Bytes, byte[]>> stored(Measure measure, Duration retention) {
        return Materialized.<String, Tally, WindowStore<Bytes, byte[]>>as(store(measure))
                .withKeySerde(Serdes.String())
                .withValueSerde(json(Tally.class))
                .withRetention(retention.compareTo(measure.size()) > 0 ? retention : measure.size().multipliedBy(2));
    }

    /** Each change of a window's tally, as the event the rest of the shop reads. */
    private static KStream<String, ShopEvent> changes(KTable<Windowed<String>, Tally> windows, Measure measure, Clock clock) {
        String name = store(measure);
        return windows.toStream(Named.as(name + "-changes"))
                .filter((window, tally) -> tally != null, Named.as(name + "-not-expired"))
                .map((window, tally) -> {
                    WindowTallied event = new WindowTallied(UUID.randomUUID(), measure, Share.subjectOf(window.key()),
                            Share.partitionOf(window.key()), window.window().startTime(), window.window().endTime(),
                            tally.count(), tally.total(), tally.largest(), clock.instant());
                    return KeyValue.pair(event.key(), (ShopEvent) event);
                }, Named.as(name + "-as-events"));
    }

    /** JSON as every Chippy service writes it, with no Java type names in headers. */
    static <T> Serde<T> json(Class<T> type) {
        return new JacksonJsonSerde<T>(type, ShopJson.mapper()).noTypeInfo().ignoreTypeHeaders();
    }

    /** The time an event tells of: when the order was placed, when it became ready. */
    public static final class EventTime implements TimestampExtractor {

        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            return record.value() instanceof ShopEvent event ? event.at().toEpochMilli() : record.timestamp();
        }
    }
}
