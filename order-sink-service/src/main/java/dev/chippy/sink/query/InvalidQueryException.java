package dev.chippy.sink.query;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A query parameter that makes no sense. */
class InvalidQueryException extends ResponseStatusException {

    InvalidQueryException(String reason) {
        super(HttpStatus.BAD_REQUEST, reason);
    }
}
