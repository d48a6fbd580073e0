package dev.chippy.analyst.window;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.OrderStatusChanged;
import dev.chippy.event.ShopEvent;
import dev.chippy.event.WindowTallied;
import dev.chippy.event.WindowTallied.Measure;
import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderStatus;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;

/** The analyst's counting, record by record, with Kafka Streams' test driver: no broker, no threads. */
class ShopWindowsTest {

    private static final Instant NINE = Instant.parse("2026-12-02T09:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);

    private TopologyTestDriver driver;
    private TestInputTopic<String, ShopEvent> orders;
    private TestInputTopic<String, ShopEvent> statuses;
    private TestOutputTopic<String, ShopEvent> windows;

    @BeforeEach
    void open() {
        StreamsBuilder builder = new StreamsBuilder();
        ShopWindows.addTo(builder, GRACE, Duration.ofMinutes(30), Duration.ofHours(6), Clock.fixed(NINE, ZoneOffset.UTC));
        Properties config = new Properties();
        config.putAll(AnalystConfiguration.settings(new AnalystProperties(GRACE, Duration.ofMinutes(30), Duration.ofHours(6),
                null, Duration.ofHours(6))));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), config);
        orders = driver.createInputTopic(ShopTopic.ORDERS.topicName(), Serdes.String().serializer(),
                ShopWindows.json(ShopEvent.class).serializer());
        statuses = driver.createInputTopic(ShopTopic.ORDER_STATUS.topicName(), Serdes.String().serializer(),
                ShopWindows.json(ShopEvent.class).serializer());
        windows = driver.createOutputTopic(ShopTopic.SHOP_WINDOWS.topicName(), Serdes.String().deserializer(),
                ShopWindows.json(ShopEvent.class).deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void ordersAreCountedPerTillPerMinuteByWhenTheyWerePlacedWithThePenceTaken() {
        place("till-1", NINE.plusSeconds(10), "cod-and-chips");
        place("till-1", NINE.plusSeconds(50), "cod-and-chips", "chips");
        place("till-2", NINE.plusSeconds(59), "chips");
        place("till-1", NINE.plusSeconds(61), "chips");

        Map<String, Tally> nine = tallies(Measure.TILL_ORDERS, NINE);
        int codAndChips = Menu.standard().item("cod-and-chips").pricePence();
        int chips = Menu.standard().item("chips").pricePence();
        assertThat(nine).containsOnlyKeys("till-1", "till-2");
        assertThat(nine.get("till-1")).isEqualTo(new Tally(2, 2L * codAndChips + chips, codAndChips + chips));
        assertThat(nine.get("till-2")).isEqualTo(new Tally(1, chips, chips));
        assertThat(tallies(Measure.TILL_ORDERS, NINE.plusSeconds(60))).containsOnlyKeys("till-1");
    }

    @Test
    void portionsAreCountedOverFiveMinutesEveryMinute() {
        place("till-1", NINE.plusSeconds(30), "cod-and-chips"); // in the windows from 08:56 to 09:00
        place("till-1", NINE.plusSeconds(150), "plaice-and-chips", "plaice-and-chips"); // 08:58 to 09:02

        assertThat(tallies(Measure.PORTIONS, NINE).get("cod").total()).isEqualTo(1);
        assertThat(tallies(Measure.PORTIONS, NINE).get("plaice").total()).isEqualTo(2);
        assertThat(tallies(Measure.PORTIONS, NINE).get("chips").total()).isEqualTo(3);
        assertThat(tallies(Measure.PORTIONS, NINE.plusSeconds(120))).containsOnlyKeys("plaice", "chips");
        assertThat(tallies(Measure.PORTIONS, NINE.minusSeconds(240)).get("cod")).isEqualTo(new Tally(1, 1, 1));
    }

    @Test
    void itemsAreCountedOverFiveMinutesEveryMinuteByHowManyWereOrdered() {
        place("till-1", NINE.plusSeconds(30), "cod-and-chips", "chips");
        Order twoLarge = new Order(UUID.randomUUID(), "till-2", 1, NINE.plusSeconds(40),
                List.of(new OrderLine(Menu.standard().item("large-chips"), 2)));
        orders.pipeInput(twoLarge.id().toString(), OrderPlaced.of(twoLarge), NINE.plusSeconds(40));

        Map<String, Tally> nine = tallies(Measure.ITEMS, NINE);
        assertThat(nine).containsOnlyKeys("cod-and-chips", "chips", "large-chips");
        assertThat(nine.get("large-chips")).as("one order of two").isEqualTo(new Tally(1, 2, 2));
        assertThat(tallies(Measure.ITEMS, NINE.minusSeconds(240)).get("chips")).isEqualTo(new Tally(1, 1, 1));
    }

    @Test
    void theTimeFromPlacedToReadyIsTalliedInTheMinuteTheOrderBecameReady() {
        Order quick = place("till-1", NINE.plusSeconds(5), "chips");
        Order slow = place("till-2", NINE.plusSeconds(10), "plaice-and-chips");
        status(quick, OrderStatus.PREPARING, NINE.plusSeconds(6));
        status(quick, OrderStatus.READY, NINE.plusSeconds(8));
        status(slow, OrderStatus.READY, NINE.plusSeconds(70));

        assertThat(tallies(Measure.READY_TIME, NINE)).containsExactly(Map.entry(WindowTallied.SHOP, new Tally(1, 3_000, 3_000)));
        assertThat(tallies(Measure.READY_TIME, NINE.plusSeconds(60)).get(WindowTallied.SHOP)).isEqualTo(new Tally(1, 60_000, 60_000));
    }

    @Test
    void anOrderLaterThanTheGraceIsNotCountedInAWindowThatHasClosed() {
        place("till-1", NINE.plusSeconds(10), "chips");
        place("till-1", NINE.plusSeconds(60).plus(GRACE).plusSeconds(1), "chips"); // stream time passes 09:01 + grace
        place("till-1", NINE.plusSeconds(20), "chips"); // too late for 09:00

        assertThat(tallies(Measure.TILL_ORDERS, NINE).get("till-1").count()).isEqualTo(1);
    }

    @Test
    void everyChangeOfATallyIsWrittenForTheRestOfTheShopKeyedByItsWindow() {
        place("till-1", NINE.plusSeconds(10), "chips");
        place("till-1", NINE.plusSeconds(20), "chips");

        List<WindowTallied> written = windows.readValuesToList().stream().map(WindowTallied.class::cast)
                .filter(tally -> tally.measure() == Measure.TILL_ORDERS).toList();
        assertThat(written).extracting(WindowTallied::count).containsExactly(1L, 2L);
        assertThat(written.get(1).key()).isEqualTo("TILL_ORDERS/till-1/" + NINE + "/0");
        assertThat(written.get(1).windowEnd()).isEqualTo(NINE.plusSeconds(60));
    }

    @Test
    void aRecordThatCannotBeReadIsSkippedAndTheNextIsCounted() {
        driver.createInputTopic(ShopTopic.ORDERS.topicName(), Serdes.String().serializer(), Serdes.String().serializer())
                .pipeInput("not-an-order", "{\"type\":\"Nonsense\"", NINE.plusSeconds(1));
        place("till-1", NINE.plusSeconds(10), "chips");

        assertThat(tallies(Measure.TILL_ORDERS, NINE).get("till-1").count()).isEqualTo(1);
    }

    private Order place(String till, Instant at, String... items) {
        List<OrderLine> lines = java.util.Arrays.stream(items).map(item -> new OrderLine(Menu.standard().item(item), 1)).toList();
        Order order = new Order(UUID.randomUUID(), till, 1, at, lines);
        orders.pipeInput(order.id().toString(), OrderPlaced.of(order), at.plusMillis(3));
        return order;
    }

    private void status(Order order, OrderStatus status, Instant at) {
        statuses.pipeInput(order.id().toString(), OrderStatusChanged.of(order, status, at, "preparer-1"), at.plusMillis(3));
    }

    /** The tallies of the window that starts at {@code start}, by subject. */
    private Map<String, Tally> tallies(Measure measure, Instant start) {
        WindowStore<String, Tally> store = driver.getWindowStore(ShopWindows.store(measure));
        try (var all = store.fetchAll(start, start)) {
            Map<String, Tally> found = new java.util.TreeMap<>();
            all.forEachRemaining(window -> found.put(Share.subjectOf(window.key.key()), window.value));
            return found;
        }
    }
}
