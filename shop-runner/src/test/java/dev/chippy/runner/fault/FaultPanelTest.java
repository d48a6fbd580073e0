package dev.chippy.runner.fault;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault panel's rules, on a real HTTP server with faults that only note what they were
 * asked: it answers localhost only, the board's origin only, wants the admin token when one
 * is set, causes one fault at a time, and says what it offers and what the proof says.
 */
class FaultPanelTest {

    private static final int BOARD = 18084;
    private static final String TOKEN = "a-long-random-admin-token";
    private static final Proof.Account SETTLED = new Proof.Account(10, 10, 10, 0, 0, 0, 0, 0, 0, 1, 30, 33, 3, 0, "answering");

    private final HttpClient http = HttpClient.newHttpClient();
    private final NotingFaults faults = new NotingFaults();
    private FaultPanel panel;

    @AfterEach
    void close() {
        faults.release.countDown();
        panel.close();
    }

    @Test
    void listsTheFaultsWhatTheyDidAndTheProof() throws Exception {
        panel = FaultPanel.open(0, faults, () -> SETTLED, null, BOARD);

        HttpResponse<String> answer = send(get("/faults"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(answer.body()).contains("\"id\":\"kill/preparer-1\"", "\"label\":\"kill -9 preparer-1\"",
                "\"holds\":true", "\"abortedRecords\":3", "\"tokenNeeded\":false", "\"underWay\":null");
    }

    @Test
    void causesOneFaultAtATime() throws Exception {
        panel = FaultPanel.open(0, faults, () -> SETTLED, null, BOARD);

        assertThat(send(post("/faults/kill/preparer-1")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> faults.caused.contains("kill/preparer-1"));
        HttpResponse<String> second = send(post("/faults/poison"));
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(send(get("/faults")).body()).contains("\"underWay\":\"kill/preparer-1\"");

        faults.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> send(get("/faults")).body().contains("\"underWay\":null"));
        assertThat(send(post("/faults/poison")).statusCode()).isEqualTo(202);
        assertThat(send(post("/faults/rm-rf")).statusCode()).as("a fault not offered").isEqualTo(404);
    }

    @Test
    void theBoardMayUseItAndNoOtherSite() throws Exception {
        panel = FaultPanel.open(0, faults, () -> SETTLED, null, BOARD);

        HttpResponse<String> fromTheBoard = send(post("/faults/poison").header("Origin", "http://localhost:" + BOARD));
        assertThat(fromTheBoard.statusCode()).isEqualTo(202);
        assertThat(fromTheBoard.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:" + BOARD);

        HttpResponse<String> fromElsewhere = send(post("/faults/broker").header("Origin", "https://evil.example"));
        assertThat(fromElsewhere.statusCode()).isEqualTo(403);
        assertThat(fromElsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(faults.caused).doesNotContain("broker");
    }

    @Test
    void answersLocalhostOnlyByNameAndByAddress() throws Exception {
        panel = FaultPanel.open(0, faults, () -> SETTLED, null, BOARD);
        int port = URI.create(panel.url()).getPort();

        assertThat(rawStatus(port, "rebound.evil.example:" + port)).as("a name rebound to 127.0.0.1").isEqualTo(421);
        assertThat(rawStatus(port, "127.0.0.1:" + port)).isEqualTo(200);
        assertThat(panel.url()).startsWith("http://localhost:");
    }

    @Test
    void withAnAdminTokenCausingAFaultNeedsIt() throws Exception {
        panel = FaultPanel.open(0, faults, () -> SETTLED, TOKEN, BOARD);

        assertThat(send(get("/faults")).body()).as("reading needs no token").contains("\"tokenNeeded\":true");
        HttpResponse<String> without = send(post("/faults/poison"));
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(without.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(send(post("/faults/poison").header("Authorization", "Bearer not-" + TOKEN)).statusCode()).isEqualTo(401);
        assertThat(faults.caused).isEmpty();

        assertThat(send(post("/faults/poison").header("Authorization", "Bearer " + TOKEN)).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> faults.caused.contains("poison"));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(panel.url() + path)).GET();
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create(panel.url() + path)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET with a Host header of our choosing (Java's HTTP client will not send one). */
    private static int rawStatus(int port, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /faults HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    /** Faults that note what they were asked to cause; the first waits until released, to be "under way". */
    private static final class NotingFaults implements Faults {

        final List<String> caused = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public List<Fault> available() {
            return List.of(new Fault("kill/preparer-1", "kill -9 preparer-1", "killed, then started again"),
                    new Fault("broker", "kill -9 the broker", "killed, then started again"),
                    new Fault("poison", "send a poison message", "an unreadable record"));
        }

        @Override
        public void cause(String id) {
            caused.add(id);
            if (caused.size() == 1) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public List<Happening> happenings() {
            return caused.stream().map(id -> new Happening(Instant.EPOCH, id)).toList();
        }

        @Override
        public void tell(String text) {
        }
    }
}
