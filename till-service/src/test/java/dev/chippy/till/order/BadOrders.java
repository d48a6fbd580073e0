package dev.chippy.till.order;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * Orders the till refuses, each with the status, the problem's title and a part of its
 * detail: one list, for the slice test of the answers and for the test against a real broker
 * that each writes nothing.
 */
final class BadOrders {

    static final String INVALID = "Invalid order";
    static final String UNREADABLE = "Unreadable order";

    private BadOrders() {
    }

    /** Arguments: what, body, status, title, part of the detail. */
    static Stream<Arguments> all() {
        String sixLinesOfTwentyPlaice = IntStream.range(0, 6).mapToObj(i -> "{\"item\":\"plaice-and-chips\",\"quantity\":20}")
                .collect(Collectors.joining(",", "[", "]"));
        String fiftyOneLines = IntStream.range(0, 51).mapToObj(i -> "{\"item\":\"chips\",\"quantity\":1}")
                .collect(Collectors.joining(",", "[", "]"));
        return Stream.of(
                Arguments.of("malformed JSON", "{\"lines\":[{\"item\":\"chips\",", 400, UNREADABLE, "malformed JSON"),
                Arguments.of("a quantity that is not a number", "{\"lines\":[{\"item\":\"chips\",\"quantity\":\"two\"}]}",
                        400, UNREADABLE, "lines[0].quantity"),
                Arguments.of("an item not on the menu", "{\"lines\":[{\"item\":\"haddock\",\"quantity\":1}]}",
                        400, INVALID, "lines[0].item: unknown menu item 'haddock'"),
                Arguments.of("a quantity of 0", "{\"lines\":[{\"item\":\"chips\",\"quantity\":0}]}",
                        400, INVALID, "lines[0].quantity: must be at least 1"),
                Arguments.of("a quantity of 10,000", "{\"lines\":[{\"item\":\"chips\",\"quantity\":10000}]}",
                        400, INVALID, "lines[0].quantity: must be at most 20"),
                Arguments.of("a line without a quantity", "{\"lines\":[{\"item\":\"chips\"}]}",
                        400, INVALID, "lines[0].quantity: is required"),
                Arguments.of("no lines", "{\"lines\":[]}", 400, INVALID, "lines: an order needs at least one line"),
                Arguments.of("a misspelt field", "{\"tilId\":\"till-1\",\"lines\":[{\"item\":\"chips\",\"quantity\":1}]}",
                        400, UNREADABLE, "tilId: is not a field here (known: lines, tillId)"),
                Arguments.of("a quantity of 1.9", "{\"lines\":[{\"item\":\"chips\",\"quantity\":1.9}]}",
                        400, UNREADABLE, "lines[0].quantity: expected a whole number"),
                Arguments.of("a quantity given as a string", "{\"lines\":[{\"item\":\"chips\",\"quantity\":\"2\"}]}",
                        400, UNREADABLE, "lines[0].quantity: expected a whole number"),
                Arguments.of("lines left out", "{}", 400, INVALID, "lines: an order needs at least one line"),
                Arguments.of("51 lines", "{\"lines\":" + fiftyOneLines + "}", 400, INVALID, "lines: an order has at most 50 lines"),
                Arguments.of("a till id with spaces", "{\"tillId\":\"till 1\",\"lines\":[{\"item\":\"chips\",\"quantity\":1}]}",
                        400, INVALID, "tillId: must be lower-case letters"),
                Arguments.of("no body", "", 400, UNREADABLE, "missing"),
                // Valid, but 120 portions of plaice: more than the fryer can cook within the cook's transaction.
                Arguments.of("an order too big for the kitchen", "{\"lines\":" + sixLinesOfTwentyPlaice + "}", 422,
                        "Too big for the kitchen",
                        "an order can have at most 8 portions of plaice (chippy.kitchen.max-plaice-per-order), more than the fryer"
                                + " can cook within the cook's transaction; this one has 120"),
                Arguments.of("a body of several megabytes",
                        "{\"lines\":[{\"item\":\"chips\",\"quantity\":1}],\"padding\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}",
                        413, "Request too large", "larger than 65536 bytes"));
    }
}
