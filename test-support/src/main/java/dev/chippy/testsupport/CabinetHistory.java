package dev.chippy.testsupport;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chippy.event.CabinetStocked;
import dev.chippy.menu.Portion;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on the hot cabinets' history as the cabinet topic holds it, for the tests. */
public final class CabinetHistory {

    private CabinetHistory() {
    }

    /**
     * Replayed from empty cabinets, each change gives exactly the stock written with it, and no
     * stock is ever below nothing: no change was lost, doubled or made from a stale stock.
     * {@code changes} are in the order written, per cabinet (each cabinet has its partition).
     */
    public static void assertEveryStockFollowsFromTheOneBefore(List<CabinetStocked> changes) {
        Map<Integer, Map<Portion, Integer>> replayed = new HashMap<>();
        for (CabinetStocked change : changes) {
            Map<Portion, Integer> stock = new LinkedHashMap<>(replayed.getOrDefault(change.cabinet(), Map.of()));
            switch (change.change()) {
                case TAKEN -> change.moved().forEach((portion, count) -> stock.merge(portion, -count, Integer::sum));
                case TOPPED_UP -> change.moved().forEach((portion, count) -> stock.merge(portion, count, Integer::sum));
                case SHORT -> assertThat(change.moved().entrySet()).as("short of something: " + change)
                        .anyMatch(need -> stock.getOrDefault(need.getKey(), 0) < need.getValue());
            }
            assertThat(stock.values()).as("never below nothing: " + change).allMatch(count -> count >= 0);
            assertThat(withoutNothing(change.stock())).as(change.toString()).isEqualTo(withoutNothing(stock));
            replayed.put(change.cabinet(), stock);
        }
    }

    private static Map<Portion, Integer> withoutNothing(Map<Portion, Integer> stock) {
        Map<Portion, Integer> some = new HashMap<>(stock);
        some.values().removeIf(count -> count == 0);
        return some;
    }
}
