package dev.chippy.cook.kitchen;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import dev.chippy.event.CookRequested;
import dev.chippy.event.FoodCooked;
import dev.chippy.event.FoodNotCooked;
import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;
import dev.chippy.testsupport.KafkaInfrastructure;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.testsupport.Listeners;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The cook against a real broker: requests in, cooked plaice out, each exactly once. */
@SpringBootTest(properties = {"chippy.cook.name=cook-1", "chippy.shop.speed-factor=0"})
@Import(KafkaInfrastructure.class)
class CookIntegrationTest {

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    ApplicationContext service;

    private KafkaTap tap;
    private TestProducer preparer;

    @BeforeEach
    void open() {
        Listeners.awaitAssignment(service);
        String bootstrap = String.join(",", kafka.getBootstrapServers());
        tap = KafkaTap.open(bootstrap, ShopTopic.COOKED, ShopTopic.COOK_REQUESTS);
        preparer = new TestProducer(bootstrap);
    }

    @AfterEach
    void close() throws InterruptedException {
        preparer.close();
        tap.close();
    }

    @Test
    void theCookSendsThePlaiceBackWithTheOrder() {
        CookRequested request = request(2);

        preparer.publish(ShopTopic.COOK_REQUESTS, request);

        FoodCooked cooked = await().atMost(Duration.ofSeconds(30)).until(() -> cookedFor(request), list -> !list.isEmpty()).get(0);
        assertThat(cooked.order()).isEqualTo(request.order());
        assertThat(cooked.portions()).isEqualTo(Map.of(Menu.standard().portion("plaice"), 2));
        assertThat(cooked.cookedBy()).isEqualTo("cook-1");
    }

    @Test
    void everyRequestIsCookedExactlyOnce() {
        List<CookRequested> requests = IntStream.range(0, 200).mapToObj(i -> request(1)).toList();

        requests.forEach(request -> preparer.publish(ShopTopic.COOK_REQUESTS, request));

        List<UUID> ids = requests.stream().map(CookRequested::orderId).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> cookedOf(ids).size() == 200);
        assertThat(cookedOf(ids).values()).allSatisfy(count -> assertThat(count).isOne());
    }

    @Test
    void anUnreadableRequestGoesToTheDeadLetterTopicAndCookingGoesOn() {
        preparer.publishRaw(ShopTopic.COOK_REQUESTS.topicName(), "poison", "{\"type\":\"CookRequested\",\"order\":42}");
        CookRequested good = request(1);
        preparer.publish(ShopTopic.COOK_REQUESTS, good);

        await().atMost(Duration.ofSeconds(30)).until(() -> !cookedFor(good).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> tap.deadLetters(ShopTopic.COOK_REQUESTS).stream()
                .map(ConsumerRecord::key).anyMatch("poison"::equals));
    }

    /**
     * More plaice than the fryer can cook within the transaction is never tried for ever: it goes to
     * the DLT, the cook says so on its own topic (so the order can be rejected), and the rest is cooked.
     */
    @Test
    void aRequestTooBigForTheFryerGoesToTheDeadLetterTopicAndCookingGoesOn() {
        CookRequested tooBig = request(20);
        CookRequested good = request(1);
        preparer.publish(ShopTopic.COOK_REQUESTS, tooBig);
        preparer.publish(ShopTopic.COOK_REQUESTS, good);

        await().atMost(Duration.ofSeconds(30)).until(() -> !cookedFor(good).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> tap.deadLetters(ShopTopic.COOK_REQUESTS).stream()
                .map(ConsumerRecord::key).anyMatch(tooBig.orderId().toString()::equals));
        assertThat(cookedFor(tooBig)).isEmpty();
        FoodNotCooked answer = await().atMost(Duration.ofSeconds(30)).until(() -> tap.events(ShopTopic.COOKED, FoodNotCooked.class)
                .stream().filter(notCooked -> notCooked.orderId().equals(tooBig.orderId())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(answer.reason()).contains("at most 8 portions of plaice");
        assertThat(answer.order()).isEqualTo(tooBig.order());
        assertThat(answer.by()).isEqualTo("cook-1");
    }

    private List<FoodCooked> cookedFor(CookRequested request) {
        return tap.events(ShopTopic.COOKED, FoodCooked.class).stream()
                .filter(cooked -> cooked.orderId().equals(request.orderId())).toList();
    }

    private Map<UUID, Long> cookedOf(List<UUID> ids) {
        return tap.events(ShopTopic.COOKED, FoodCooked.class).stream()
                .filter(cooked -> ids.contains(cooked.orderId()))
                .collect(Collectors.groupingBy(FoodCooked::orderId, Collectors.counting()));
    }

    private static CookRequested request(int plaice) {
        Order order = new Order(UUID.randomUUID(), "till-2", 7, Instant.now(),
                List.of(new OrderLine(Menu.standard().item("plaice-and-chips"), plaice)));
        return CookRequested.of(order, "preparer-1", Instant.now());
    }
}
