package dev.chippy.order;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.chippy.menu.Menu;

import static org.assertj.core.api.Assertions.assertThat;

class OrderMixTest {

    private final OrderMix mix = new OrderMix(Menu.standard());

    @Test
    void eachFaceOfTheDieOrdersWhatTheTalkSaid() {
        assertThat(items(mix.forDie(6, true))).containsExactly("cod-and-chips", "plaice-and-chips");
        assertThat(items(mix.forDie(5, true))).containsExactly("cod-and-chips", "large-chips");
        assertThat(items(mix.forDie(4, true))).containsExactly("chips");
        for (int die = 1; die <= 3; die++) {
            assertThat(items(mix.forDie(die, true))).containsExactly("cod-and-chips");
        }
    }

    @Test
    void withoutPlaiceASixIsCodAndChips() {
        assertThat(items(mix.forDie(6, false))).containsExactly("cod-and-chips");
    }

    @Test
    void overManyCustomersTheMixFollowsTheDie() {
        SplittableRandom random = new SplittableRandom(42);
        Map<List<String>, Long> orders = IntStream.range(0, 60_000)
                .mapToObj(i -> items(mix.roll(random, true)))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(orders).containsOnlyKeys(List.of("cod-and-chips", "plaice-and-chips"),
                List.of("cod-and-chips", "large-chips"), List.of("chips"), List.of("cod-and-chips"));
        // Half the customers want just cod & chips, a sixth each the other three.
        assertThat(orders.get(List.of("cod-and-chips"))).isBetween(29_000L, 31_000L);
        assertThat(orders.get(List.of("chips"))).isBetween(9_400L, 10_600L);
    }

    private static List<String> items(List<OrderLine> lines) {
        return lines.stream().map(line -> line.item().id()).toList();
    }
}
