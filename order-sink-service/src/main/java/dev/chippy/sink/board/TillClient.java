package dev.chippy.sink.board;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import dev.chippy.order.OrderRequests;

/**
 * Passes the board's orders on to the till service, which alone writes orders to Kafka.
 * The page posts to the record keeper that served it rather than to the till's own port:
 * one origin, no CORS, and only the record keeper needs to be reachable from the browser
 * (see docs/decisions/0010-live-view.md). The till's answer, 202 or a problem, comes back
 * as it is.
 */
@Component
class TillClient {

    private static final Log LOG = LogFactory.getLog(TillClient.class);
    /** The till answers within its publish timeout (3 s by default); this leaves room. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI orders;

    TillClient(TillClientProperties properties) {
        this.orders = UriComponentsBuilder.fromUri(properties.tillUrl()).path("/orders").build().toUri();
    }

    ResponseEntity<byte[]> place(byte[] body, String contentType, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(orders)
                .timeout(ANSWER_TIMEOUT)
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            request.header(OrderRequests.IDEMPOTENCY_KEY, idempotencyKey);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // Where the till lives is the shop's business, not the browser's: it goes to the log only.
            LOG.warn("The till at " + orders + " did not answer: " + e);
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The till did not answer; try again shortly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted while the till was answering", e);
        }
        ResponseEntity.BodyBuilder passedOn = ResponseEntity.status(answer.statusCode());
        for (String header : new String[] {HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER}) {
            answer.headers().firstValue(header).ifPresent(value -> passedOn.header(header, value));
        }
        return passedOn.body(answer.body());
    }
}
