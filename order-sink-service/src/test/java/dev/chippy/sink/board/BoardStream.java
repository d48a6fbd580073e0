package dev.chippy.sink.board;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A screen's connection: the server-sent events as they arrive, read on a thread of their own. */
final class BoardStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Event(String name, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Stream<String> lines;

    private BoardStream(Stream<String> lines) {
        this.lines = lines;
    }

    static BoardStream open(URI uri) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        BoardStream stream = new BoardStream(response.body());
        Thread reader = new Thread(stream::read, "board-stream");
        reader.setDaemon(true);
        reader.start();
        return stream;
    }

    private void read() {
        String[] name = {null};
        StringBuilder data = new StringBuilder();
        try {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (name[0] != null) {
                        events.add(new Event(name[0], data.toString()));
                    }
                    name[0] = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name[0] = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring("data:".length()));
                }
            });
        } catch (RuntimeException closed) {
            // the test is over
        }
    }

    JsonNode latest(String name) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).name().equals(name)) {
                return JSON.readTree(events.get(i).data());
            }
        }
        return null;
    }

    int count(String name) {
        return (int) events.stream().filter(event -> event.name().equals(name)).count();
    }

    int largest(String name) {
        return events.stream().filter(event -> event.name().equals(name)).mapToInt(event -> event.data().length()).max().orElse(0);
    }

    @Override
    public void close() {
        lines.close();
    }
}
