package dev.chippy.runner.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.chippy.runner.Ports;
import dev.chippy.runner.RunOptions;
import dev.chippy.runner.Shop;
import dev.chippy.runner.ShopPorts;

/**
 * The fault tests' shop: the whole shop as {@code ./chippy run} opens it (each service from
 * its packaged jar in a JVM of its own, real Kafka brokers, a real PostgreSQL), on free ports,
 * in a fresh folder. The faults themselves are the shop's own: {@link Shop#kill} and
 * {@link Shop#restart} a service, {@link Shop#addTill} a second till service, and
 * {@code shop.kafka().brokers()} to stop, start, kill, pause and resume a broker.
 */
public final class FaultHarness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Map<Shop, Path> RUN_DIRS = new ConcurrentHashMap<>();

    private FaultHarness() {
    }

    /** Opens the shop with {@code ./chippy run}'s options (a scenario, {@code --brokers=3}, ...). */
    public static Shop open(String... options) {
        Path home = Path.of(System.getProperty("chippy.home", "..")).toAbsolutePath().normalize();
        try {
            Path runDir = Files.createTempDirectory("chippy-fault-it");
            List<String> all = new ArrayList<>(List.of(options));
            all.add("--kafka-port=" + Ports.free(0));
            all.add("--postgres-port=" + Ports.free(0));
            Shop shop = Shop.open(RunOptions.parse(all.toArray(String[]::new)), ShopPorts.free(), home, runDir,
                    message -> System.out.println("[shop] " + message));
            RUN_DIRS.put(shop, runDir);
            return shop;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the shop and deletes its data and logs, unless the test failed: then they are kept to look at. */
    public static void close(Shop shop, boolean keep) {
        if (shop == null) {
            return;
        }
        shop.close();
        Path runDir = RUN_DIRS.remove(shop);
        if (runDir == null || keep) {
            System.out.println("[shop] data and logs kept in " + runDir);
            return;
        }
        try (Stream<Path> files = Files.walk(runDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String url(Shop shop, String service) {
        return "http://localhost:" + shop.service(service).port();
    }

    /** A GET's status and body; {@code timeout} bounds how long it may take. */
    public static HttpResponse<String> get(String url, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build());
    }

    /** An order without an idempotency key; {@code timeout} bounds how long the answer may take. */
    public static HttpResponse<String> placeOrder(String till, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(till + "/orders")).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[{\"item\":\"chips\",\"quantity\":1}]}")).build());
    }

    /** A POST without a body, such as {@code /simulation/stop}. */
    public static HttpResponse<String> post(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
