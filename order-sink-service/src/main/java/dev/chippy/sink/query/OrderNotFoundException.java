package dev.chippy.sink.query;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** No order with this id has been stored (yet). */
class OrderNotFoundException extends ResponseStatusException {

    OrderNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, "No order " + id + " has been recorded");
    }
}
