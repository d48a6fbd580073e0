package dev.chippy.menu;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MenuTest {

    private final Menu menu = Menu.standard();

    @Test
    void theMenuHasTheTalksItemsWithTheirPortions() {
        assertThat(menu.item("cod-and-chips").portions())
                .containsOnly(entry("cod", 1), entry("chips", 1));
        assertThat(menu.item("plaice-and-chips").portions())
                .containsOnly(entry("plaice", 1), entry("chips", 1));
        assertThat(menu.item("chips").portions()).containsOnly(entry("chips", 1));
        assertThat(menu.item("large-chips").portions()).containsOnly(entry("chips", 2));
    }

    @Test
    void aFishSupperIsCodAndChipsByAnotherName() {
        assertThat(menu.item("fish-supper").portions()).isEqualTo(menu.item("cod-and-chips").portions());
    }

    @Test
    void onlyPlaiceNeedsTheCook() {
        assertThat(menu.items()).filteredOn(MenuItem::needsCook).extracting(MenuItem::id)
                .containsExactly("plaice-and-chips");
    }

    @Test
    void everyItemHasAPriceInPence() {
        assertThat(menu.items()).allSatisfy(item -> assertThat(item.pricePence()).isPositive());
        assertThat(menu.item("cod-and-chips").pricePence()).isEqualTo(895);
    }

    @Test
    void anUnknownItemIsNamedInTheError() {
        assertThatThrownBy(() -> menu.item("haddock"))
                .isInstanceOf(UnknownMenuItemException.class)
                .hasMessage("unknown menu item 'haddock'");
        assertThat(menu.findItem("haddock")).isEmpty();
    }

    @Test
    void aMenuFileThatUsesAnUndeclaredPortionIsRefused() {
        String json = """
                {"portions":[{"id":"cod","name":"Cod","cookedToOrder":false}],
                 "items":[{"id":"scampi","name":"Scampi","pricePence":900,"portions":{"scampi":1}}]}""";
        assertThatThrownBy(() -> Menu.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .hasMessage("scampi uses unknown portion 'scampi'");
    }

    private java.util.Map.Entry<Portion, Integer> entry(String portion, int count) {
        return java.util.Map.entry(menu.portion(portion), count);
    }
}
