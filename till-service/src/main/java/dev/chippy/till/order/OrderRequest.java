package dev.chippy.till.order;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;

/**
 * The body of {@code POST /orders}:
 * {@code {"tillId":"till-1","lines":[{"item":"cod-and-chips","quantity":2}]}}.
 * The limits are the order's own ({@link Order}, {@link OrderLine}), checked here first so
 * that a bad request is answered field by field.
 */
public record OrderRequest(
        @Pattern(regexp = Order.TILL_ID_PATTERN, message = "must be lower-case letters, digits and dashes, at most 32")
        String tillId,
        @NotEmpty(message = "an order needs at least one line")
        @Size(max = Order.MAX_LINES, message = "an order has at most {max} lines")
        List<@NotNull(message = "a line cannot be null") @Valid Line> lines) {

    public record Line(
            @NotBlank(message = "names an item from the menu") @OnTheMenu String item,
            @NotNull(message = "is required")
            @Min(value = OrderLine.MIN_QUANTITY, message = "must be at least {value}")
            @Max(value = OrderLine.MAX_QUANTITY, message = "must be at most {value}")
            Integer quantity) {
    }
}
