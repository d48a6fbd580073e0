package dev.chippy.till.order;

import java.util.UUID;

import dev.chippy.order.OrderStatus;

/** The answer to an accepted order: {@code {"orderId":"…","tillId":"till-1","number":17,"status":"PLACED"}}. */
public record OrderAccepted(UUID orderId, String tillId, long number, OrderStatus status) {

    static OrderAccepted of(OrderTicket ticket) {
        return new OrderAccepted(ticket.orderId(), ticket.tillId(), ticket.number(), OrderStatus.PLACED);
    }
}
