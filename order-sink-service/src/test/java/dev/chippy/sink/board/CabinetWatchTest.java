package dev.chippy.sink.board;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import dev.chippy.event.CabinetStocked;
import dev.chippy.menu.Menu;
import dev.chippy.menu.Portion;
import dev.chippy.service.kafka.ShopKafkaProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** The board's view of the hot cabinets, from the stock records their owners write. */
class CabinetWatchTest {

    private static final Instant NINE = Instant.parse("2026-12-02T09:00:00Z");
    private static final Portion COD = Menu.standard().portion("cod");
    private static final Portion CHIPS = Menu.standard().portion("chips");
    private static final Portion PEAS = Menu.standard().portion("mushy-peas");

    private final CabinetWatch watch = new CabinetWatch(new DefaultKafkaConsumerFactory<>(Map.of()),
            new ShopKafkaProperties(3, (short) 1, 3, null));

    @Test
    void aShopWithoutCabinetsShowsNone() {
        assertThat(watch.view().cabinets()).isEmpty();
    }

    @Test
    void eachCabinetShowsItsOwnerItsStockAndItsHistoryAndTheShopItsCounts() {
        watch.hear(List.of(
                stocked(0, Map.of(COD, 12, CHIPS, 12, PEAS, 12), CabinetStocked.Change.TOPPED_UP, "preparer-1", 0),
                stocked(0, Map.of(COD, 11, CHIPS, 9, PEAS, 12), CabinetStocked.Change.TAKEN, "preparer-1", 5),
                stocked(2, Map.of(COD, 0, CHIPS, 1, PEAS, 0), CabinetStocked.Change.SHORT, "preparer-3", 7),
                stocked(0, Map.of(COD, 10, CHIPS, 8, PEAS, 12), CabinetStocked.Change.TAKEN, "preparer-2", 9)));

        CabinetView view = watch.view();

        assertThat(view.cabinets()).extracting(CabinetView.Cabinet::cabinet).containsExactly(0, 2);
        CabinetView.Cabinet first = view.cabinets().get(0);
        assertThat(first.owner()).as("the latest writer owns it").isEqualTo("preparer-2");
        assertThat(first.stock()).containsExactly(Map.entry("chips", 8), Map.entry("cod", 10), Map.entry("mushy-peas", 12));
        assertThat(first.history()).extracting(sample -> sample.stock().get("cod")).containsExactly(12, 11, 10);
        assertThat(view.toppedUp()).isEqualTo(1);
        assertThat(view.taken()).isEqualTo(2);
        assertThat(view.waited()).isEqualTo(1);
    }

    @Test
    void theHistoryGoesBackTenMinutes() {
        watch.hear(List.of(stocked(1, Map.of(COD, 5), CabinetStocked.Change.TOPPED_UP, "preparer-1", 0)));
        watch.hear(List.of(stocked(1, Map.of(COD, 4), CabinetStocked.Change.TAKEN, "preparer-1", 11 * 60)));

        assertThat(watch.view().cabinets().get(0).history()).extracting(sample -> sample.stock().get("cod")).containsExactly(4);
    }

    private static CabinetStocked stocked(int cabinet, Map<Portion, Integer> stock, CabinetStocked.Change change, String by,
                                          int secondsPastNine) {
        boolean ofAnOrder = change != CabinetStocked.Change.TOPPED_UP;
        return new CabinetStocked(UUID.randomUUID(), cabinet, stock, change, Map.of(COD, 1), ofAnOrder ? UUID.randomUUID() : null,
                ofAnOrder ? null : UUID.randomUUID(), by, NINE.plusSeconds(secondsPastNine));
    }
}
