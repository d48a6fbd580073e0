package dev.chippy.till.order;

import java.util.UUID;

/** What the customer takes away from the till: the order's id and its number at that till. */
public record OrderTicket(UUID orderId, String tillId, long number) {
}
