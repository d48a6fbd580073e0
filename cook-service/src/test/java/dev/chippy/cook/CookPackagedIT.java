package dev.chippy.cook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chippy.event.CookRequested;
import dev.chippy.event.FoodCooked;
import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.testsupport.PackagedApp;
import dev.chippy.testsupport.TestKafka;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopTopic;

import static org.awaitility.Awaitility.await;

/** The packaged cook jar, run as its own process, cooks a request from Kafka and sends it back. */
class CookPackagedIT {

    @Test
    void thePackagedCookCooks() throws InterruptedException {
        try (TestKafka kafka = TestKafka.start();
             PackagedApp cook = PackagedApp.ofThisModule("cook-service")
                     .property("spring.kafka.bootstrap-servers", kafka.bootstrapServers())
                     .property("chippy.cook.name", "cook-1")
                     .property("chippy.shop.speed-factor", 0)
                     .start();
             TestProducer preparer = new TestProducer(kafka.bootstrapServers());
             KafkaTap tap = KafkaTap.open(kafka.bootstrapServers(), ShopTopic.COOKED.topicName())) {
            Order order = new Order(UUID.randomUUID(), "till-1", 1, Instant.now(),
                    List.of(new OrderLine(Menu.standard().item("plaice-and-chips"), 1)));

            preparer.publish(ShopTopic.COOK_REQUESTS, CookRequested.of(order, "preparer-1", Instant.now()));

            await().atMost(Duration.ofSeconds(60)).until(() -> tap.events(ShopTopic.COOKED, FoodCooked.class).stream()
                    .anyMatch(cooked -> cooked.orderId().equals(order.id()) && cooked.cookedBy().equals("cook-1")));
        }
    }
}
