package dev.chippy.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * HTTP load from this process: POSTs of JSON, either as fast as a number of clients can send
 * them (each sends its next request when its answer comes: the saturation rate), or at a
 * fixed rate whatever the answers (latency counted from when each request was due, so a slow
 * server cannot hide its slowness by slowing the load down).
 */
final class HttpLoad implements AutoCloseable {

    /**
     * @param ok       answered 2xx within the measured window
     * @param failed   answered otherwise within the measured window
     * @param accepted answered 2xx at any time, warm-up included: what the system now owes
     * @param lateBy   how long after the last request was due its answer came (the last of all)
     */
    record Result(double perSecond, long ok, long failed, long accepted, Latencies latencies, Duration lateBy) {
    }

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();

    Result saturate(URI uri, Supplier<String> bodies, int clients, Duration warmUp, Duration measure) {
        long start = System.nanoTime();
        long from = start + warmUp.toNanos();
        long until = from + measure.toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        Latencies latencies = new Latencies();
        CompletableFuture<?>[] chains = new CompletableFuture<?>[clients];
        for (int i = 0; i < clients; i++) {
            chains[i] = chain(uri, bodies, from, until, ok, failed, accepted, latencies);
        }
        CompletableFuture.allOf(chains).join();
        return new Result(ok.get() / (measure.toNanos() / 1e9), ok.get(), failed.get(), accepted.get(), latencies,
                Duration.ofNanos(Math.max(0, System.nanoTime() - until)));
    }

    private CompletableFuture<Void> chain(URI uri, Supplier<String> bodies, long from, long until,
                                          AtomicLong ok, AtomicLong failed, AtomicLong accepted, Latencies latencies) {
        long sent = System.nanoTime();
        if (sent >= until) {
            return CompletableFuture.completedFuture(null);
        }
        return client.sendAsync(post(uri, bodies.get()), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    long done = System.nanoTime();
                    if (error == null && response.statusCode() / 100 == 2) {
                        accepted.incrementAndGet();
                    }
                    if (sent >= from && done <= until) {
                        if (error == null && response.statusCode() / 100 == 2) {
                            ok.incrementAndGet();
                            latencies.add((done - sent) / 1e6);
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                })
                .thenCompose(next -> chain(uri, bodies, from, until, ok, failed, accepted, latencies));
    }

    Result atRate(URI uri, Supplier<String> bodies, double perSecond, Duration warmUp, Duration measure) {
        long start = System.nanoTime();
        long from = start + warmUp.toNanos();
        long until = from + measure.toNanos();
        double interval = 1e9 / perSecond;
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        Latencies latencies = new Latencies();
        List<CompletableFuture<?>> inFlight = new CopyOnWriteArrayList<>();
        for (long i = 0; ; i++) {
            long due = start + (long) (i * interval);
            if (due >= until) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            CompletableFuture<?> request = client.sendAsync(post(uri, bodies.get()), HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        if (error == null && response.statusCode() / 100 == 2) {
                            accepted.incrementAndGet();
                        }
                        if (due >= from) {
                            if (error == null && response.statusCode() / 100 == 2) {
                                ok.incrementAndGet();
                                latencies.add((System.nanoTime() - due) / 1e6);
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                        return null;
                    });
            inFlight.add(request);
            inFlight.removeIf(CompletableFuture::isDone);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        return new Result(ok.get() / (measure.toNanos() / 1e9), ok.get(), failed.get(), accepted.get(), latencies,
                Duration.ofNanos(Math.max(0, System.nanoTime() - until)));
    }

    private static HttpRequest post(URI uri, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
