package dev.chippy.sink.query;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;

/** More clients wait for orders than may: 429 for one client's own share, 503 for everyone's. */
class TooManyWaitersException extends ResponseStatusException {

    TooManyWaitersException(HttpStatusCode status, String reason) {
        super(status, reason);
    }
}
