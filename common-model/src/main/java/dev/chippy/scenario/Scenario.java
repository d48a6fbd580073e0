package dev.chippy.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One of the shop's scenarios ({@code scenarios.yml}): the talk's demos and the full shop.
 *
 * @param preparers  how many preparer processes the runner starts
 * @param cook       whether the runner starts a cook
 * @param properties the settings every service takes from the scenario
 */
public record Scenario(String name, String description, int preparers, boolean cook, Map<String, String> properties) {

    public static final String DEFAULT = "shop";
    private static final String RESOURCE = "/dev/chippy/scenario/scenarios.yml";

    /** Every scenario, by name, in the order of the file. */
    public static Map<String, Scenario> all() {
        try (InputStream yaml = Scenario.class.getResourceAsStream(RESOURCE)) {
            if (yaml == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            Map<String, Map<String, Object>> file = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            Map<String, Scenario> scenarios = new LinkedHashMap<>();
            file.forEach((name, spec) -> {
                Map<String, String> properties = new LinkedHashMap<>();
                @SuppressWarnings("unchecked")
                Map<String, Object> raw = (Map<String, Object>) spec.get("properties");
                raw.forEach((key, value) -> properties.put(key, String.valueOf(value)));
                scenarios.put(name, new Scenario(name, (String) spec.get("description"),
                        (Integer) spec.get("preparers"), (Boolean) spec.get("cook"), Map.copyOf(properties)));
            });
            return scenarios;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException naming the scenarios there are, when there is none by this name */
    public static Scenario named(String name) {
        Map<String, Scenario> all = all();
        Scenario scenario = all.get(name);
        if (scenario == null) {
            throw new IllegalArgumentException("There is no scenario '" + name + "'; there are " + names(all.keySet()));
        }
        return scenario;
    }

    private static String names(Set<String> names) {
        return String.join(", ", names);
    }
}
