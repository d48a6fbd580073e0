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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.chippy.port.Ports;
import dev.chippy.runner.RunOptions;
import dev.chippy.runner.Shop;
import dev.chippy.runner.ShopPorts;

/**
 * The fault tests' shop: the whole shop as {@code ./chippy run} opens it (each service from
 * its packaged jar in a JVM of its own, real Kafka brokers, a real PostgreSQL), on free ports,
 * in a fresh folder. The faults themselves are the shop's own: {@code shop.faults()}, the
 * ones the live board's fault panel causes (kill -9 and restart a service or a broker, stop
 * PostgreSQL, a poison message, a cook slowed down), and for finer ones {@link Shop#kill} and
 * {@link Shop#restart} a service, {@link Shop#addTill} a second till service, and
 * {@code shop.kafka().brokers()} to stop, start, kill, pause and resume a broker. The
 * shop's proof ({@code shop.proof()}) reads it as the panel does.
 *
 * <p>A test class registers it ({@code @RegisterExtension final FaultHarness harness = new
 * FaultHarness()}) and opens the shop in its test; after the test the shop is closed, and its
 * data and logs are deleted, unless the test failed: then they are kept to look at.
 *
 * <p>Tests that break the same shop one after another can share it ({@code @RegisterExtension
 * static final FaultHarness harness = FaultHarness.sharedByTheClass()}): the first test opens
 * it, the others get the same shop, and it is closed after the last. Opening a shop is the
 * dearest part of a fault test on two cores; a shop that has already been through one fault
 * is also a harder test for the next.
 */
public final class FaultHarness implements AfterEachCallback, AfterAllCallback {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final boolean shared;
    private Shop shop;
    private Path runDir;
    private List<String> openedWith;
    private boolean failed;

    /** A shop for each test. */
    public FaultHarness() {
        this(false);
    }

    private FaultHarness(boolean shared) {
        this.shared = shared;
    }

    /** One shop for every test of the class, opened by the first test that asks. */
    public static FaultHarness sharedByTheClass() {
        return new FaultHarness(true);
    }

    /**
     * Opens the shop with {@code ./chippy run}'s options (a scenario, {@code --brokers=3}, ...),
     * for this test; or, when the class shares its shop, returns the shop opened with the same options.
     */
    public Shop open(String... options) {
        if (shop != null) {
            if (shared && openedWith.equals(Arrays.asList(options))) {
                return shop;
            }
            throw new IllegalStateException(shared ? "the class's shared shop was opened with " + openedWith
                    : "this test has opened its shop already");
        }
        Path home = Path.of(System.getProperty("chippy.home", "..")).toAbsolutePath().normalize();
        try {
            runDir = Files.createTempDirectory("chippy-fault-it");
            List<String> all = new ArrayList<>(List.of(options));
            all.add("--kafka-port=" + Ports.free(0));
            all.add("--postgres-port=" + Ports.free(0));
            shop = Shop.open(RunOptions.parse(all.toArray(String[]::new)), ShopPorts.free(), home, runDir,
                    message -> System.out.println("[shop] " + message));
            openedWith = List.of(options);
            return shop;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext test) throws IOException {
        failed |= test.getExecutionException().isPresent();
        if (!shared) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext tests) throws IOException {
        close();
    }

    private void close() throws IOException {
        Path opened = runDir;
        boolean keep = failed;
        runDir = null;
        openedWith = null;
        failed = false;
        if (shop != null) {
            shop.close();
            shop = null;
        }
        if (opened == null) {
            return;
        }
        if (keep) {
            System.out.println("[shop] data and logs kept in " + opened);
            return;
        }
        try (Stream<Path> files = Files.walk(opened)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
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
