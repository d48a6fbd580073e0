package dev.chippy.menu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The shop's menu: what can be ordered, what it costs, which portions it uses.
 *
 * <p>The menu is data ({@code menu.json} next to this class), not code: adding an
 * item means adding a line there. Every service reads the same file, so a till,
 * a preparer and the record keeper always agree on what "large-chips" means.
 */
public final class Menu {

    private static final String STANDARD_MENU = "menu.json";

    private final Map<String, Portion> portions;
    private final Map<String, MenuItem> items;

    private Menu(Map<String, Portion> portions, Map<String, MenuItem> items) {
        this.portions = Collections.unmodifiableMap(portions);
        this.items = Collections.unmodifiableMap(items);
    }

    /** The menu every Chippy service uses. */
    public static Menu standard() {
        return Standard.MENU;
    }

    /** Reads a menu in the format of {@code menu.json}. */
    public static Menu read(InputStream json) {
        MenuFile file = JsonMapper.builder().build().readValue(json, MenuFile.class);
        Map<String, Portion> portions = new LinkedHashMap<>();
        for (PortionSpec spec : file.portions()) {
            if (portions.put(spec.id(), new Portion(spec.id(), spec.name(), spec.cookedToOrder())) != null) {
                throw new IllegalArgumentException("portion '" + spec.id() + "' is listed twice");
            }
        }
        Map<String, MenuItem> items = new LinkedHashMap<>();
        for (ItemSpec spec : file.items()) {
            Map<Portion, Integer> used = new LinkedHashMap<>();
            spec.portions().forEach((portionId, count) -> {
                Portion portion = portions.get(portionId);
                if (portion == null) {
                    throw new IllegalArgumentException(spec.id() + " uses unknown portion '" + portionId + "'");
                }
                used.put(portion, count);
            });
            if (items.put(spec.id(), new MenuItem(spec.id(), spec.name(), spec.pricePence(), used)) != null) {
                throw new IllegalArgumentException("item '" + spec.id() + "' is listed twice");
            }
        }
        return new Menu(portions, items);
    }

    /** Items in menu order. */
    public List<MenuItem> items() {
        return List.copyOf(items.values());
    }

    /** Portions in menu order. */
    public List<Portion> portions() {
        return List.copyOf(portions.values());
    }

    public Optional<MenuItem> findItem(String id) {
        return Optional.ofNullable(id).map(items::get);
    }

    /** @throws UnknownMenuItemException when no item has this id */
    public MenuItem item(String id) {
        return findItem(id).orElseThrow(() -> new UnknownMenuItemException("menu item", id));
    }

    /** @throws UnknownMenuItemException when no portion has this id */
    public Portion portion(String id) {
        Portion portion = id == null ? null : portions.get(id);
        if (portion == null) {
            throw new UnknownMenuItemException("portion", id);
        }
        return portion;
    }

    private record MenuFile(List<PortionSpec> portions, List<ItemSpec> items) {
    }

    private record PortionSpec(String id, String name, boolean cookedToOrder) {
    }

    private record ItemSpec(String id, String name, int pricePence, Map<String, Integer> portions) {
    }

    /** Holder idiom: the file is read once, on first use, thread-safely. */
    private static final class Standard {

        static final Menu MENU = load();

        private static Menu load() {
            try (InputStream json = Menu.class.getResourceAsStream(STANDARD_MENU)) {
                if (json == null) {
                    throw new IllegalStateException("the menu resource " + STANDARD_MENU + " is missing");
                }
                return read(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
