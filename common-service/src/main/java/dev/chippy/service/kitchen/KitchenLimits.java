package dev.chippy.service.kitchen;

import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;

/**
 * What the kitchen can make of one order. The cook fries an order's plaice inside one Kafka
 * transaction (consume the request, fry, send the plaice back), which must end within the
 * cook's {@code transaction.timeout.ms} (30 s) and its poll within {@code max.poll.interval.ms}.
 * At the talk's pace a one-portion fryer takes up to 3.2 s a portion, so 8 portions take
 * 25.6 s; more would time out and be tried again for ever, holding up every plaice order
 * behind it. The till refuses bigger orders (422, naming this setting), the preparer rejects
 * any that get past it, and the cook sends any request that still does to its dead-letter topic.
 *
 * @param maxPlaicePerOrder portions fried to order (plaice) one order may have
 */
@Validated
@ConfigurationProperties("chippy.kitchen")
public record KitchenLimits(@Min(1) @DefaultValue("8") int maxPlaicePerOrder) {

    /** The name of the setting, for messages that name the limit. */
    public static final String MAX_PLAICE_PER_ORDER = "chippy.kitchen.max-plaice-per-order";

    /** Why the kitchen cannot make an order with these lines, or empty when it can. */
    public Optional<String> tooMuchFor(List<OrderLine> lines) {
        int plaice = lines.stream()
                .mapToInt(line -> line.quantity() * line.item().portions().entrySet().stream()
                        .filter(portion -> portion.getKey().cookedToOrder()).mapToInt(portion -> portion.getValue()).sum())
                .sum();
        return tooMuch(plaice);
    }

    /** Why the kitchen cannot make this order, or empty when it can. */
    public Optional<String> tooMuchFor(Order order) {
        return tooMuchFor(order.lines());
    }

    /** Why the kitchen cannot fry this many portions for one order, or empty when it can. */
    public Optional<String> tooMuch(int plaicePortions) {
        return plaicePortions > maxPlaicePerOrder
                ? Optional.of("an order can have at most " + maxPlaicePerOrder + " portions of plaice (" + MAX_PLAICE_PER_ORDER
                        + "), more than the fryer can cook within the cook's transaction; this one has " + plaicePortions)
                : Optional.empty();
    }
}
