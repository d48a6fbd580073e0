package dev.chippy.benchmark;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline for the till's REST intake: a bare Spring MVC endpoint that reads the same
 * JSON order and answers 202 with the same kind of body, without Kafka or validation. The
 * till's rate is compared with this one's, on the same machine, in the same run.
 */
@SpringBootApplication
@RestController
public class BareTill {

    record Line(String item, int quantity) {
    }

    record OrderRequest(String tillId, List<Line> lines) {
    }

    record Accepted(UUID orderId, String tillId, long number, String status) {
    }

    private final AtomicLong numbers = new AtomicLong();

    @PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> place(@RequestBody OrderRequest request) {
        return ResponseEntity.accepted().body(new Accepted(UUID.randomUUID(), "counter", numbers.incrementAndGet(), "PLACED"));
    }

    public static void main(String[] args) {
        SpringApplication.run(BareTill.class, args);
    }
}
