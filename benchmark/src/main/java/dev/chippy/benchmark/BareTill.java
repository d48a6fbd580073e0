package dev.chippy.benchmark;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.ShopJson;
import dev.chippy.menu.Menu;
import dev.chippy.order.Order;
import dev.chippy.order.OrderLine;

/**
 * The baselines for the till's REST intake, two endpoints of one Spring MVC application that
 * the till's rate is compared with, on the same machine, in the same run:
 * <ul>
 * <li>{@code POST /orders}, bare: reads the same JSON order and answers 202 with the same
 * kind of body, and does nothing else;</li>
 * <li>{@code POST /orders/checked}: everything the till does with an order except Kafka. It
 * validates the body with the till's constraints, makes the order from the menu, numbers it,
 * writes the event the till would send as JSON, and answers 202 with a {@code Location}.
 * Between this one and the till lies only what Kafka and the till's group commit cost.</li>
 * </ul>
 */
@SpringBootApplication
@RestController
public class BareTill {

    record Line(String item, int quantity) {
    }

    record OrderRequest(String tillId, List<Line> lines) {
    }

    /** The till's request, with the till's limits (its {@code OrderRequest}). */
    record CheckedRequest(
            @Pattern(regexp = Order.TILL_ID_PATTERN) String tillId,
            @NotEmpty @Size(max = Order.MAX_LINES) List<@NotNull @Valid CheckedLine> lines) {
    }

    record CheckedLine(
            @NotBlank String item,
            @NotNull @Min(OrderLine.MIN_QUANTITY) @Max(OrderLine.MAX_QUANTITY) Integer quantity) {
    }

    record Accepted(UUID orderId, String tillId, long number, String status) {
    }

    private final AtomicLong numbers = new AtomicLong();
    private final Menu menu = Menu.standard();
    /** What was written, kept so that no compiler can decide the writing was for nothing. */
    private volatile int lastEventBytes;

    @PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> place(@RequestBody OrderRequest request) {
        return ResponseEntity.accepted().body(new Accepted(UUID.randomUUID(), "counter", numbers.incrementAndGet(), "PLACED"));
    }

    @PostMapping(path = "/orders/checked", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> placeChecked(@Valid @RequestBody CheckedRequest request) {
        String tillId = request.tillId() != null ? request.tillId() : "counter";
        List<OrderLine> lines = request.lines().stream()
                .map(line -> new OrderLine(menu.item(line.item()), line.quantity()))
                .toList();
        Order order = new Order(UUID.randomUUID(), tillId, numbers.incrementAndGet(), Instant.now(), lines);
        lastEventBytes = ShopJson.write(OrderPlaced.of(order)).getBytes(StandardCharsets.UTF_8).length;
        return ResponseEntity.accepted().location(URI.create("http://localhost:8084/orders/" + order.id()))
                .body(new Accepted(order.id(), tillId, order.number(), "PLACED"));
    }

    public static void main(String[] args) {
        SpringApplication.run(BareTill.class, args);
    }
}
