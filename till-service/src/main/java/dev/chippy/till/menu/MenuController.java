package dev.chippy.till.menu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.chippy.menu.Menu;
import dev.chippy.menu.MenuItem;
import dev.chippy.menu.Portion;

/** {@code GET /menu}: what can be ordered, at what price, and what goes into it. */
@RestController
class MenuController {

    record PortionView(String id, String name, boolean cookedToOrder) {
    }

    record ItemView(String id, String name, int pricePence, Map<String, Integer> portions, boolean needsCook) {
    }

    record MenuView(List<ItemView> items, List<PortionView> portions) {
    }

    private final MenuView menu = view(Menu.standard());

    @GetMapping("/menu")
    MenuView menu() {
        return menu;
    }

    private static MenuView view(Menu menu) {
        List<ItemView> items = menu.items().stream().map(MenuController::view).toList();
        List<PortionView> portions = menu.portions().stream()
                .map(portion -> new PortionView(portion.id(), portion.name(), portion.cookedToOrder()))
                .toList();
        return new MenuView(items, portions);
    }

    private static ItemView view(MenuItem item) {
        Map<String, Integer> portions = new LinkedHashMap<>();
        item.portions().forEach((Portion portion, Integer count) -> portions.put(portion.id(), count));
        return new ItemView(item.id(), item.name(), item.pricePence(), portions, item.needsCook());
    }
}
