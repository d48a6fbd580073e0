package dev.chippy.runner.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.chippy.event.OrderPlaced;
import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.runner.Shop;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopTopic;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders the kitchen cannot make, sent into the packaged shop past the till (by another
 * producer, as an older till or a script could): each ends REJECTED with its reason, shown by
 * the record keeper at {@code /orders/{id}}, and never waits for ever. The customers' own
 * orders around them are all served, READY once.
 * <ul>
 * <li>an order with more plaice than one order may hold: the preparer refuses it, and
 * {@code /stats} and {@code chippy.orders.rejected} count it;</li>
 * <li>a cook request no one can read: the cook sends it to the dead-letter topic and says the
 * plaice will not come, and the preparer rejects the order its key names;</li>
 * <li>an order message no one can read: the preparer sends it to the dead-letter topic and
 * rejects the order its key names.</li>
 * </ul>
 * The last two are orders nobody could read, so the record keeper knows them only by their id
 * and history: it shows them, but counts only the orders it has (decision 12).
 */
class RejectedOrdersIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WITHIN = Duration.ofMinutes(2);

    @RegisterExtension
    final FaultHarness harness = new FaultHarness();

    @Test
    void ordersTheKitchenCannotMakeEndRejectedWithTheirReasonAndEveryoneElseIsServed() throws Exception {
        Shop shop = harness.open("quiet", "--preparers=1");
        String keeper = FaultHarness.url(shop, "order-sink-service");
        Order tooMuchPlaice = new Order(UUID.randomUUID(), "side-door", 1, Instant.now(),
                List.of(new OrderLine(Menu.standard().item("plaice-and-chips"), 12)));
        UUID unreadableCookRequest = UUID.randomUUID();
        try (Customers customers = Customers.arrive(2, 3, 30, FaultHarness.url(shop, "till-service"));
             TestProducer producer = new TestProducer(shop.kafka().bootstrapServers())) {
            producer.publish(OrderPlaced.of(tooMuchPlaice));
            producer.publishRaw(ShopTopic.COOK_REQUESTS.topicName(), unreadableCookRequest.toString(),
                    "{\"type\":\"CookRequested\",\"order\":");
            // The fault panel's poison message, sent the panel's way.
            UUID unreadableOrder = shop.faults().sendPoison();
            customers.awaitServed(WITHIN);

            Map<UUID, String> reasons = Map.of(
                    tooMuchPlaice.id(), "plaice",
                    unreadableCookRequest, "the cook could not cook it",
                    unreadableOrder, ShopTopic.ORDERS.deadLetterTopicName());
            for (Map.Entry<UUID, String> refused : reasons.entrySet()) {
                JsonNode order = await("order " + refused.getKey() + " is REJECTED at the record keeper").atMost(WITHIN)
                        .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> JSON.readTree(FaultHarness.get(
                                keeper + "/orders/" + refused.getKey(), Duration.ofSeconds(10)).body()),
                                view -> "REJECTED".equals(view.path("status").asString()));
                JsonNode last = order.get("history").get(order.get("history").size() - 1);
                assertThat(last.get("status").asString()).isEqualTo("REJECTED");
                assertThat(last.get("reason").asString()).as("why order " + refused.getKey() + " was rejected")
                        .contains(refused.getValue());
            }

            ShopInvariant.holds("orders the kitchen cannot make", shop.postgresUrl(), customers.accepted(),
                    Set.of(tooMuchPlaice.id()), WITHIN);
            JsonNode stats = await("/stats counts the rejected order").atMost(Duration.ofSeconds(30)).until(
                    () -> JSON.readTree(FaultHarness.get(keeper + "/stats", Duration.ofSeconds(10)).body()),
                    answer -> answer.path("ordersPerStatus").path("REJECTED").asLong() == 1);
            assertThat(stats.get("ordersPerStatus").get("READY").asLong()).isEqualTo(customers.accepted().size());
            assertThat(FaultHarness.get(keeper + "/actuator/prometheus", Duration.ofSeconds(10)).body())
                    .containsPattern("(?m)^chippy_orders_rejected_total(\\{[^}]*\\})? 1\\.0$");
        }
    }
}
