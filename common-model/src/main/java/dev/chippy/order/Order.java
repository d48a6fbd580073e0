package dev.chippy.order;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.chippy.menu.Portion;

/**
 * An order as taken at a till: immutable, and valid by construction, so every
 * service can trust an {@code Order} it holds.
 *
 * @param id       unique id; every Kafka message about this order is keyed by it
 * @param tillId   the till that took it ({@code till-1})
 * @param number   the till's own sequence number, from 1, never reused; shown to customers
 * @param placedAt when the till took it
 * @param lines    what was ordered, in the order the customer said it
 */
public record Order(UUID id, String tillId, long number, Instant placedAt, List<OrderLine> lines) {

    public static final int MAX_LINES = 50;
    /** Lower-case letters, digits and dashes, starting with a letter or digit; at most 32. */
    public static final String TILL_ID_PATTERN = "[a-z0-9][a-z0-9-]{0,31}";

    private static final Pattern TILL_ID = Pattern.compile(TILL_ID_PATTERN);

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(placedAt, "placedAt");
        if (tillId == null || !TILL_ID.matcher(tillId).matches()) {
            throw new InvalidOrderException("till id must match " + TILL_ID_PATTERN + ", was '" + tillId + "'");
        }
        if (number < 1) {
            throw new InvalidOrderException("order number must be at least 1, was " + number);
        }
        if (lines == null || lines.isEmpty()) {
            throw new InvalidOrderException("an order needs at least one line");
        }
        if (lines.size() > MAX_LINES) {
            throw new InvalidOrderException("an order has at most " + MAX_LINES + " lines, this one has " + lines.size());
        }
        lines = List.copyOf(lines);
    }

    public int totalPence() {
        return lines.stream().mapToInt(OrderLine::pricePence).sum();
    }

    /** How many of each portion the kitchen needs for this order. */
    public Map<Portion, Integer> portions() {
        Map<Portion, Integer> portions = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            line.item().portions().forEach((portion, count) -> portions.merge(portion, count * line.quantity(), Integer::sum));
        }
        return portions;
    }

    /** The portions the cook has to make for this order (plaice); empty when the cook is not needed. */
    public Map<Portion, Integer> portionsCookedToOrder() {
        Map<Portion, Integer> cooked = portions();
        cooked.keySet().removeIf(portion -> !portion.cookedToOrder());
        return cooked;
    }

    /** The portions that wait ready in the hot cabinet (cod, chips …): all but those cooked to order. */
    public Map<Portion, Integer> portionsFromTheCabinet() {
        Map<Portion, Integer> ready = portions();
        ready.keySet().removeIf(Portion::cookedToOrder);
        return ready;
    }

    public boolean needsCook() {
        return lines.stream().anyMatch(line -> line.item().needsCook());
    }

    /** "cod &amp; chips, 2 × large chips". */
    public String describeLines() {
        return lines.stream().map(OrderLine::describe).collect(Collectors.joining(", "));
    }
}
