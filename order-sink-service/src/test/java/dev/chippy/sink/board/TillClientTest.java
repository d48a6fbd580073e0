package dev.chippy.sink.board;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

import dev.chippy.order.OrderRequests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The board's till against a till made of a plain HTTP server: what the browser sent goes on
 * to it, and its answer, whatever its status, comes back as it was, with the headers the
 * browser needs and none of the hop's own.
 */
class TillClientTest {

    private static final byte[] ORDER = "{\"lines\":[{\"item\":\"chips\",\"quantity\":1}]}".getBytes(StandardCharsets.UTF_8);

    /** What the till heard. */
    private record Heard(String method, String path, Headers headers, byte[] body) {
    }

    /** What the till answers. */
    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private final AtomicReference<Heard> heard = new AtomicReference<>();
    private final AtomicReference<Answer> answer = new AtomicReference<>();
    private HttpServer till;

    @BeforeEach
    void openTheTill() throws IOException {
        till = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        till.createContext("/", exchange -> {
            heard.set(new Heard(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes()));
            Answer reply = answer.get();
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        till.start();
    }

    @AfterEach
    void closeTheTill() {
        till.stop(0);
    }

    @Test
    void anAcceptedOrderGoesOnWithItsKeyAndComesBackAsTheTillAnsweredIt() {
        String accepted = "{\"orderId\":\"0b7e9f4a-1c2d-4e3f-9a8b-7c6d5e4f3a21\",\"number\":17}";
        answer.set(new Answer(202, Map.of("Content-Type", "application/json",
                "Location", "http://localhost:8084/orders/0b7e9f4a-1c2d-4e3f-9a8b-7c6d5e4f3a21", "X-Till-Only", "yes"), accepted));

        ResponseEntity<byte[]> passedOn = client().place(ORDER, "application/json", "order-42");

        assertThat(heard.get().method()).isEqualTo("POST");
        assertThat(heard.get().path()).isEqualTo("/orders");
        assertThat(heard.get().headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(heard.get().headers().getFirst(OrderRequests.IDEMPOTENCY_KEY)).isEqualTo("order-42");
        assertThat(heard.get().body()).isEqualTo(ORDER);
        assertThat(passedOn.getStatusCode().value()).isEqualTo(202);
        assertThat(passedOn.getHeaders().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(passedOn.getHeaders().getFirst("Location")).isEqualTo("http://localhost:8084/orders/0b7e9f4a-1c2d-4e3f-9a8b-7c6d5e4f3a21");
        assertThat(passedOn.getHeaders().containsHeader("X-Till-Only")).as("only what the browser needs is passed on").isFalse();
        assertThat(new String(passedOn.getBody(), StandardCharsets.UTF_8)).isEqualTo(accepted);
    }

    @Test
    void anOrderWithoutAKeyGoesOnWithoutOne() {
        answer.set(new Answer(202, Map.of("Content-Type", "application/json"), "{}"));

        client().place(ORDER, "application/json", null);

        assertThat(heard.get().headers().containsKey(OrderRequests.IDEMPOTENCY_KEY)).isFalse();
    }

    @Test
    void theTillsProblemsComeBackAsTheyAre() {
        String problem = "{\"title\":\"Too much plaice\",\"status\":422,\"detail\":\"an order can have at most 8 portions of plaice\"}";
        answer.set(new Answer(422, Map.of("Content-Type", "application/problem+json"), problem));

        ResponseEntity<byte[]> refused = client().place(ORDER, "application/json", null);

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getHeaders().getFirst("Content-Type")).isEqualTo("application/problem+json");
        assertThat(new String(refused.getBody(), StandardCharsets.UTF_8)).isEqualTo(problem);

        answer.set(new Answer(429, Map.of("Content-Type", "application/problem+json", "Retry-After", "1"), "{\"status\":429}"));
        ResponseEntity<byte[]> busy = client().place(ORDER, "application/json", null);

        assertThat(busy.getStatusCode().value()).isEqualTo(429);
        assertThat(busy.getHeaders().getFirst("Retry-After")).isEqualTo("1");
    }

    @Test
    void aRedirectIsTheTillsAnswerToPassOnNotOneToFollow() {
        answer.set(new Answer(303, Map.of("Location", "http://localhost:8084/orders/elsewhere"), ""));

        ResponseEntity<byte[]> passedOn = client().place(ORDER, "application/json", null);

        assertThat(passedOn.getStatusCode().value()).isEqualTo(303);
        assertThat(passedOn.getHeaders().getFirst("Location")).isEqualTo("http://localhost:8084/orders/elsewhere");
        assertThat(heard.get().path()).isEqualTo("/orders");
    }

    @Test
    void aTillThatIsNotThereIsServiceUnavailableWithoutSayingWhereItShouldBe() throws IOException {
        int closed;
        try (ServerSocket nobody = new ServerSocket(0)) {
            closed = nobody.getLocalPort();
        }
        TillClient client = new TillClient(RestClient.builder(), new TillClientProperties(URI.create("http://127.0.0.1:" + closed)));

        ResponseStatusException refused = catchThrowableOfType(ResponseStatusException.class,
                () -> client.place(ORDER, "application/json", null));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(refused.getReason()).isEqualTo("The till did not answer; try again shortly")
                .doesNotContain(String.valueOf(closed));
    }

    private TillClient client() {
        return new TillClient(RestClient.builder(),
                new TillClientProperties(URI.create("http://127.0.0.1:" + till.getAddress().getPort())));
    }
}
