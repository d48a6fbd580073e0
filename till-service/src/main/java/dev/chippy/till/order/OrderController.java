package dev.chippy.till.order;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import dev.chippy.menu.Menu;
import dev.chippy.order.OrderLine;
import dev.chippy.order.OrderRequests;
import dev.chippy.service.kitchen.KitchenLimits;

/**
 * {@code POST /orders}: places an order. The answer is {@code 202 Accepted} once Kafka holds
 * the order, with the order's place in the record keeper as {@code Location}.
 */
@RestController
class OrderController {


    private final OrderTaking orderTaking;
    private final TillProperties properties;
    private final KitchenLimits kitchen;

    OrderController(OrderTaking orderTaking, TillProperties properties, KitchenLimits kitchen) {
        this.orderTaking = orderTaking;
        this.properties = properties;
        this.kitchen = kitchen;
    }

    @PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderAccepted> place(
            @Valid @RequestBody OrderRequest request,
            @RequestHeader(name = OrderRequests.IDEMPOTENCY_KEY, required = false)
            @Pattern(regexp = "[\\x21-\\x7E]{1,255}", message = "must be 1 to 255 visible ASCII characters")
            String idempotencyKey) {
        String tillId = request.tillId() != null ? request.tillId() : properties.defaultTillId();
        List<OrderLine> lines = request.lines().stream()
                .map(line -> new OrderLine(Menu.standard().item(line.item()), line.quantity()))
                .toList();
        kitchen.tooMuchFor(lines).ifPresent(reason -> {
            throw new TooBigForTheKitchenException(reason, kitchen.maxPlaicePerOrder());
        });
        OrderTicket ticket = orderTaking.take(tillId, lines, idempotencyKey);
        URI location = UriComponentsBuilder.fromUri(properties.orderBoardUrl())
                .path("/orders/{id}").buildAndExpand(ticket.orderId()).toUri();
        return ResponseEntity.accepted().location(location).body(OrderAccepted.of(ticket));
    }
}
