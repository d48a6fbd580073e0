package dev.chippy.cook.cabinet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.chippy.event.CabinetStocked;
import dev.chippy.event.CabinetToppedUp;
import dev.chippy.menu.Menu;
import dev.chippy.menu.Portion;
import dev.chippy.testsupport.KafkaInfrastructure;
import dev.chippy.testsupport.KafkaTap;
import dev.chippy.testsupport.TestProducer;
import dev.chippy.topic.ShopTopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cook's rounds against a real broker: it fills every empty cabinet up to the level, sends
 * a cabinet nothing more while its top-up is on its way in, and tops it up again once the stock
 * its owner writes has fallen to half the level.
 */
@SpringBootTest(properties = {"chippy.cook.name=cook-1", "chippy.shop.speed-factor=0", "chippy.cabinet.enabled=true",
        "chippy.cabinet.level=6"})
@Import(KafkaInfrastructure.class)
class CabinetKeeperIntegrationTest {

    private static final Portion COD = Menu.standard().portion("cod");
    private static final Portion CHIPS = Menu.standard().portion("chips");
    private static final Portion PEAS = Menu.standard().portion("mushy-peas");

    @Autowired
    KafkaConnectionDetails kafka;

    @Test
    void theCookFillsTheCabinetsAndTopsThemUpWhenTheyRunLow() throws InterruptedException {
        String bootstrap = String.join(",", kafka.getBootstrapServers());
        try (KafkaTap tap = KafkaTap.open(bootstrap, ShopTopic.COOKED);
             TestProducer preparer = new TestProducer(bootstrap)) {
            await("every cabinet filled").atMost(Duration.ofSeconds(60)).until(() -> topUps(tap).size() >= 3);
            assertThat(topUps(tap)).extracting(CabinetToppedUp::cabinet).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(topUps(tap)).as("every portion kept hot, not cooked to order, up to the level")
                    .allSatisfy(topUp -> assertThat(topUp.portions()).isEqualTo(Map.of(COD, 6, CHIPS, 6, PEAS, 6)));
            assertThat(tap.records(ShopTopic.COOKED.topicName())).allSatisfy(record ->
                    assertThat(record.key()).isEqualTo(CabinetStocked.keyOf(record.partition())));

            // The preparer that owns cabinet 1 puts its top-up in, and then sells two orders' worth.
            CabinetToppedUp first = topUps(tap).stream().filter(topUp -> topUp.cabinet() == 1).findFirst().orElseThrow();
            preparer.publishTo(ShopTopic.CABINET, 1, stocked(1, Map.of(COD, 6, CHIPS, 6, PEAS, 6), CabinetStocked.Change.TOPPED_UP,
                    first.portions(), first.eventId()));
            preparer.publishTo(ShopTopic.CABINET, 1, stocked(1, Map.of(COD, 3, CHIPS, 5, PEAS, 6), CabinetStocked.Change.TAKEN,
                    Map.of(COD, 3, CHIPS, 1), null));

            await("cabinet 1 topped up again").atMost(Duration.ofSeconds(60)).until(() ->
                    topUps(tap).stream().filter(topUp -> topUp.cabinet() == 1).count() == 2);
            CabinetToppedUp again = topUps(tap).stream().filter(topUp -> topUp.cabinet() == 1).toList().get(1);
            assertThat(again.portions()).as("up to the level").isEqualTo(Map.of(COD, 3, CHIPS, 1));
            assertThat(topUps(tap)).as("cabinets 0 and 2: their first top-ups are not in yet, so nothing more")
                    .filteredOn(topUp -> topUp.cabinet() != 1).hasSize(2);
        }
    }

    private static CabinetStocked stocked(int cabinet, Map<Portion, Integer> stock, CabinetStocked.Change change,
                                          Map<Portion, Integer> moved, UUID topUpId) {
        return new CabinetStocked(UUID.randomUUID(), cabinet, stock, change, moved,
                change == CabinetStocked.Change.TAKEN ? UUID.randomUUID() : null, topUpId, "preparer-1", Instant.now());
    }

    private static List<CabinetToppedUp> topUps(KafkaTap tap) {
        return tap.events(ShopTopic.COOKED, CabinetToppedUp.class);
    }
}
