package dev.chippy.sink.board;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
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
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** The till answers within its publish timeout (3 s by default); this leaves room. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /** What the browser needs of the till's answer; the rest (its connection, its date) is this hop's own. */
    private static final List<String> PASSED_ON = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER);

    private final RestClient till;
    private final URI orders;

    TillClient(RestClient.Builder clients, TillClientProperties properties) {
        this.orders = UriComponentsBuilder.fromUri(properties.tillUrl()).path("/orders").build().toUri();
        // A redirect would be the till's answer to pass on, not one to follow.
        this.till = clients.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                        .withHttpClientCustomizer(http -> http.version(HttpClient.Version.HTTP_1_1))
                        .build(HttpClientSettings.defaults().withTimeouts(CONNECT_TIMEOUT, ANSWER_TIMEOUT)
                                .withRedirects(HttpRedirects.DONT_FOLLOW)))
                .build();
    }

    ResponseEntity<byte[]> place(byte[] body, String contentType, String idempotencyKey) {
        try {
            return till.post().uri(orders)
                    .header(HttpHeaders.CONTENT_TYPE, contentType)
                    .headers(headers -> {
                        if (idempotencyKey != null) {
                            headers.set(OrderRequests.IDEMPOTENCY_KEY, idempotencyKey);
                        }
                    })
                    .body(body)
                    // Whatever the status: the till's problems are the browser's to read.
                    .exchange((request, answer) -> ResponseEntity.status(answer.getStatusCode())
                            .headers(passedOn -> PASSED_ON.forEach(name -> {
                                List<String> values = answer.getHeaders().get(name);
                                if (values != null) {
                                    passedOn.put(name, values);
                                }
                            }))
                            .body(answer.getBody().readAllBytes()));
        } catch (ResourceAccessException e) {
            // Where the till lives is the shop's business, not the browser's: it goes to the log only.
            LOG.warn("The till at " + orders + " did not answer: " + e.getMostSpecificCause());
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The till did not answer; try again shortly", e);
        }
    }
}
