package dev.chippy.runner.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customers at the tills while the shop is being broken: each places order after order,
 * each with its own {@code Idempotency-Key}, and retries a request that was not answered
 * {@code 202} with the same key until it is, as a careful client does. What every key was
 * answered is kept, so that a test can hold the shop to it.
 */
public final class Customers implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Longer than the till could ever take to answer (its publish timeout and the producer's own bounds). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(45);
    private static final String WITH_PLAICE = "[{\"item\":\"plaice-and-chips\",\"quantity\":1},{\"item\":\"chips\",\"quantity\":1}]";
    private static final String WITHOUT_PLAICE = "[{\"item\":\"cod-and-chips\",\"quantity\":1},{\"item\":\"chips\",\"quantity\":2}]";

    /** An order the till accepted: {@code 202} with this id, till and number. */
    public record Accepted(String key, UUID orderId, String tillId, long number, boolean plaice) {
    }

    private final List<String> tills;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicLong notPlaced = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final AtomicLong unreachable = new AtomicLong();
    private final AtomicLong slowestRefusalMillis = new AtomicLong();
    private final int plaiceEvery;
    private final int limit;
    private volatile boolean coming = true;
    private volatile boolean open = true;

    private Customers(List<String> tills, int plaiceEvery, int limit) {
        this.tills = List.copyOf(tills);
        this.plaiceEvery = plaiceEvery;
        this.limit = limit;
    }

    /**
     * {@code count} customers at the tills at {@code tillUrls}, taking turns between tills on
     * retries; every {@code plaiceEvery}th order has plaice (0: none).
     */
    public static Customers arrive(int count, int plaiceEvery, String... tillUrls) {
        return arrive(count, plaiceEvery, Integer.MAX_VALUE, tillUrls);
    }

    /** As above, and no more than {@code limit} orders in all. */
    public static Customers arrive(int count, int plaiceEvery, int limit, String... tillUrls) {
        Customers customers = new Customers(List.of(tillUrls), plaiceEvery, limit);
        for (int n = 0; n < count; n++) {
            int first = n;
            Thread customer = new Thread(() -> customers.placeOrders(first), "customer-" + n);
            customer.setDaemon(true);
            customers.threads.add(customer);
            customer.start();
        }
        return customers;
    }

    /** One customer's orders, one after another; {@code firstTill} is where this customer goes first. */
    private void placeOrders(int firstTill) {
        while (coming && open) {
            int n = started.incrementAndGet();
            if (n > limit) {
                return;
            }
            boolean plaice = plaiceEvery > 0 && n % plaiceEvery == 0;
            String key = UUID.randomUUID().toString();
            int attempt = firstTill;
            while (open && !accepted.containsKey(key)) {
                place(key, plaice, tills.get(attempt++ % tills.size()));
            }
        }
    }

    /** One request; true when accepted. */
    private void place(String key, boolean plaice, String till) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(till + "/orders"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":" + (plaice ? WITH_PLAICE : WITHOUT_PLAICE) + "}"))
                .build();
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                JsonNode body = JSON.readTree(response.body());
                Accepted answer = new Accepted(key, UUID.fromString(body.get("orderId").asString()),
                        body.get("tillId").asString(), body.get("number").asLong(), plaice);
                accepted.put(key, answer);
                return;
            }
            if (response.statusCode() == 503) {
                slowestRefusalMillis.accumulateAndGet((System.nanoTime() - sent) / 1_000_000, Math::max);
                JsonNode placed = JSON.readTree(response.body()).get("placed");
                (placed != null && "unknown".equals(placed.asString()) ? unknown : notPlaced).incrementAndGet();
                pause();
                return;
            }
            throw new AssertionError("the till answered " + response.statusCode() + " to a good order: " + response.body());
        } catch (IOException e) {
            // The till is down or restarting: try again.
            unreachable.incrementAndGet();
            pause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open = false;
        }
    }

    /** A breath between attempts at a till that is away or refusing, so that it is not hammered. */
    private static void pause() {
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }

    /** No more new customers; those with an order not yet accepted keep trying until it is. */
    public void stopComing() {
        coming = false;
    }

    /** Waits until every customer's last order has been accepted; fails if one was not by {@code within}. */
    public void awaitServed(Duration within) {
        stopComing();
        for (Thread customer : threads) {
            try {
                customer.join(within.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            assertThat(customer.isAlive()).as(customer.getName() + " still has an order the till will not accept").isFalse();
        }
    }

    /**
     * Asks again with every key that was accepted: each must get the same order back (its
     * {@code 202} again, the same id and number), and nothing new may be placed.
     */
    public void retryEveryKey(String till) {
        for (Accepted order : accepted.values()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(till + "/orders"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", order.key())
                    .timeout(REQUEST_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":" + (order.plaice() ? WITH_PLAICE : WITHOUT_PLAICE) + "}"))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("a retry of key " + order.key()).isEqualTo(202);
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.get("orderId").asString()).as("the order a retry of key " + order.key() + " gets")
                        .isEqualTo(order.orderId().toString());
                assertThat(body.get("number").asLong()).isEqualTo(order.number());
            } catch (IOException e) {
                throw new AssertionError("the till did not answer a retry", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public List<Accepted> accepted() {
        return List.copyOf(accepted.values());
    }

    public int acceptedCount() {
        return accepted.size();
    }

    /** {@code 503}s saying the order was not placed. */
    public long notPlaced() {
        return notPlaced.get();
    }

    /** {@code 503}s saying nobody knows whether the order was placed (a commit in doubt). */
    public long unknown() {
        return unknown.get();
    }

    /** Requests that found no till listening. */
    public long unreachable() {
        return unreachable.get();
    }

    /** The longest any {@code 503} took to come. */
    public Duration slowestRefusal() {
        return Duration.ofMillis(slowestRefusalMillis.get());
    }

    @Override
    public void close() {
        open = false;
        coming = false;
    }

    @Override
    public String toString() {
        return accepted.size() + " accepted, " + notPlaced + " refused (not placed), " + unknown + " refused (outcome unknown), "
                + unreachable + " found no till";
    }
}
