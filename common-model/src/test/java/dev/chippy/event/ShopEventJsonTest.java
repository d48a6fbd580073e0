package dev.chippy.event;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JSON of every event, pinned by the fixtures in {@code src/test/resources/events}.
 * A change that would stop old messages from being read fails here.
 */
class ShopEventJsonTest {

    private static final Menu MENU = Menu.standard();

    private static final Order ORDER_17 = new Order(UUID.fromString("0b7e9f4a-1c2d-4e3f-9a8b-7c6d5e4f3a21"),
            "till-1", 17, Instant.parse("2026-11-21T12:00:00Z"),
            List.of(new OrderLine(MENU.item("cod-and-chips"), 2), new OrderLine(MENU.item("large-chips"), 1)));

    private static final Order ORDER_7 = new Order(UUID.fromString("5c4b3a29-1807-4f6e-9d5c-4b3a29180706"),
            "till-2", 7, Instant.parse("2026-11-21T12:00:00Z"),
            List.of(new OrderLine(MENU.item("cod-and-chips"), 1), new OrderLine(MENU.item("plaice-and-chips"), 2)));

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("order-placed-v1.json",
                        new OrderPlaced(UUID.fromString("6f1c2a9e-3b4d-4c5e-8f70-112233445566"), ORDER_17)),
                Arguments.of("order-status-changed-v1.json",
                        new OrderStatusChanged(UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-19f8e7d6c5b4"), ORDER_17.id(),
                                "till-1", 17, OrderStatus.READY, Instant.parse("2026-11-21T12:00:01.250Z"), "preparer-1")),
                Arguments.of("order-status-rejected-v1.json",
                        new OrderStatusChanged(UUID.fromString("4d5e6f70-8192-4dae-9fc0-3b4c5d6e7f80"), ORDER_17.id(), "till-1", 17,
                                OrderStatus.REJECTED, Instant.parse("2026-11-21T12:00:01.250Z"), "preparer-1",
                                "the cook could not cook it: the fryer is on fire")),
                Arguments.of("order-status-preparing-delivered-again-v1.json",
                        new OrderStatusChanged(UUID.fromString("6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d"), ORDER_17.id(), "till-1", 17,
                                OrderStatus.PREPARING, Instant.parse("2026-11-21T12:00:00.400Z"), "preparer-4", null, 2)),
                Arguments.of("food-not-cooked-v1.json",
                        new FoodNotCooked(UUID.fromString("5e6f7081-92a3-4ebf-8a01-4c5d6e7f8091"), ORDER_7.id(), null,
                                "the request could not be read", "cook-1", Instant.parse("2026-11-21T12:00:06.900Z"))),
                Arguments.of("cook-requested-v1.json",
                        new CookRequested(UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"), ORDER_7,
                                Map.of(MENU.portion("plaice"), 2), "preparer-2", Instant.parse("2026-11-21T12:00:00.600Z"))),
                Arguments.of("food-cooked-v1.json",
                        new FoodCooked(UUID.fromString("2b3c4d5e-6f70-4b8c-9dae-1f2a3b4c5d6e"), ORDER_7,
                                Map.of(MENU.portion("plaice"), 2), "cook-1", Instant.parse("2026-11-21T12:00:06.900Z"))),
                Arguments.of("till-checkpoint-v1.json",
                        new TillCheckpoint(UUID.fromString("3c4d5e6f-7081-4c9d-8ebf-2a3b4c5d6e7f"), "till-3", 41,
                                Instant.parse("2026-11-21T12:00:00Z"))),
                Arguments.of("order-receipt-v1.json",
                        new OrderReceipt(UUID.fromString("4d5e6f70-8192-4dae-9fc0-3b4c5d6e7f80"), "9b2f0c7e-order-from-app",
                                "2f1d0c3b4a59687766554433221100ffeeddccbbaa99887766554433221100ff", ORDER_17.id(),
                                "counter", 3, Instant.parse("2026-11-21T12:00:00Z"))),
                Arguments.of("till-service-opened-v1.json",
                        new TillServiceOpened(UUID.fromString("5e6f7081-92a3-4bfc-8d01-4c5d6e7f8091"),
                                "7d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a", Instant.parse("2026-11-21T12:00:00Z"))));
    }

    @ParameterizedTest(name = "{0} reads as the event it describes")
    @MethodSource("fixtures")
    void fixtureReadsAsTheEvent(String fixture, ShopEvent expected) {
        assertThat(ShopJson.read(fixture(fixture))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is what the event writes")
    @MethodSource("fixtures")
    void eventWritesTheFixture(String fixture, ShopEvent event) {
        JsonNode written = ShopJson.mapper().readTree(ShopJson.write(event));
        assertThat(written).isEqualTo(ShopJson.mapper().readTree(fixture(fixture)));
    }

    @ParameterizedTest(name = "{0} with fields from a newer writer still reads")
    @MethodSource("fixtures")
    void fieldsFromANewerWriterAreIgnored(String fixture, ShopEvent expected) {
        ObjectNode newer = (ObjectNode) ShopJson.mapper().readTree(fixture(fixture));
        newer.put("version", 2);
        newer.put("loyaltyCard", "1234");
        if (newer.get("order") instanceof ObjectNode order) {
            order.put("table", 12);
            ((ObjectNode) order.get("lines").get(0)).put("note", "extra vinegar");
        }
        assertThat(ShopJson.read(newer.toString())).isEqualTo(expected);
    }

    @Test
    void everyEventNamesItsTypeAndVersion() {
        JsonNode json = ShopJson.mapper().readTree(ShopJson.write(OrderPlaced.of(ORDER_17)));
        assertThat(json.get("type").asString()).isEqualTo("OrderPlaced");
        assertThat(json.get("version").asInt()).isEqualTo(ShopEvent.SCHEMA_VERSION);
    }

    @Test
    void anUnknownEventTypeIsRefused() {
        assertThatThrownBy(() -> ShopJson.read("""
                {"type":"OrderTeleported","version":1,"eventId":"6f1c2a9e-3b4d-4c5e-8f70-112233445566"}"""))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("OrderTeleported");
    }

    @Test
    void aMessageWithoutATypeIsRefused() {
        assertThatThrownBy(() -> ShopJson.read("{\"eventId\":\"6f1c2a9e-3b4d-4c5e-8f70-112233445566\"}"))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void anOrderWithAnItemNotOnTheMenuIsRefused() {
        String haddock = fixture("order-placed-v1.json").replace("large-chips", "haddock-and-chips");
        assertThatThrownBy(() -> ShopJson.read(haddock))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("unknown menu item 'haddock-and-chips'");
    }

    @Test
    void anOrderBreakingTheShopsRulesIsRefused() {
        String silly = fixture("order-placed-v1.json").replace("\"quantity\": 2", "\"quantity\": 10000");
        assertThatThrownBy(() -> ShopJson.read(silly))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("quantity of cod-and-chips must be between 1 and 20, was 10000");
    }

    @Test
    void notJsonAtAllIsRefused() {
        assertThatThrownBy(() -> ShopJson.read("Order 17: cod & chips")).isInstanceOf(JacksonException.class);
    }

    @Test
    void orderEventsAreKeyedByOrderIdAndTillEventsByTheirOwnKey() {
        assertThat(OrderPlaced.of(ORDER_17).key()).isEqualTo(ORDER_17.id().toString());
        assertThat(OrderStatusChanged.of(ORDER_17, OrderStatus.READY, Instant.now(), "preparer-1").key())
                .isEqualTo(ORDER_17.id().toString());
        assertThat(new TillCheckpoint(UUID.randomUUID(), "till-3", 41, Instant.now()).key()).isEqualTo("till-3");
    }

    private static String fixture(String name) {
        try (InputStream in = ShopEventJsonTest.class.getResourceAsStream("/events/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
