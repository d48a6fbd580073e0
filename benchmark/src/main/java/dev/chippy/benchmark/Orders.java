package dev.chippy.benchmark;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import dev.chippy.menu.Menu;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderMix;

/** Request bodies for {@code POST /orders}: the talk's order mix, plaice included. */
final class Orders {

    private final OrderMix mix = new OrderMix(Menu.standard());
    private final SplittableRandom random = new SplittableRandom(17);
    private final String tillId;

    Orders(String tillId) {
        this.tillId = tillId;
    }

    synchronized String next() {
        List<OrderLine> lines = mix.roll(random, true);
        return lines.stream().map(line -> "{\"item\":\"" + line.item().id() + "\",\"quantity\":" + line.quantity() + "}")
                .collect(Collectors.joining(",", "{\"tillId\":\"" + tillId + "\",\"lines\":[", "]}"));
    }
}
