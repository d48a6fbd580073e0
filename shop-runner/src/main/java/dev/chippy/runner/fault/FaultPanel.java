package dev.chippy.runner.fault;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.chippy.event.ShopJson;

/**
 * The fault panel's API, served by the runner itself, which owns the processes: {@code GET
 * /faults} lists the faults, what they did and the proof; {@code POST /faults/{id}} causes one
 * (one at a time). The live board shows it when the runner told the record keeper where it is.
 *
 * <p>It answers this machine only (bound to 127.0.0.1 whatever {@code --bind} says), to a
 * {@code Host} of localhost only (so a web site cannot reach it by rebinding its own name to
 * 127.0.0.1), and to no other web site than the board ({@code Origin}). With an admin token set
 * ({@code CHIPPY_SECURITY_ADMIN_TOKEN}), causing a fault needs it, as {@code Authorization: Bearer}.
 */
public final class FaultPanel implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService faultRunner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fault-panel-fault");
        thread.setDaemon(true);
        return thread;
    });
    private final Faults faults;
    private final Supplier<Proof.Account> proof;
    private final String adminToken;
    private final Set<String> boardOrigins;
    private final Set<String> hosts;
    /** The fault under way, or null. */
    private final AtomicReference<String> underWay = new AtomicReference<>();

    private FaultPanel(HttpServer server, Faults faults, Supplier<Proof.Account> proof, String adminToken, int boardPort) {
        this.server = server;
        this.faults = faults;
        this.proof = proof;
        this.adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken;
        this.boardOrigins = Set.of("http://localhost:" + boardPort, "http://127.0.0.1:" + boardPort);
        int port = server.getAddress().getPort();
        this.hosts = Set.of("localhost:" + port, "127.0.0.1:" + port);
    }

    /**
     * Opens the panel on 127.0.0.1:{@code port} (0 for any free port) for the board on {@code boardPort}.
     *
     * @param proof      the proof's account as it stands
     * @param adminToken null or blank when the shop has none
     */
    public static FaultPanel open(int port, Faults faults, Supplier<Proof.Account> proof, String adminToken, int boardPort) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            FaultPanel panel = new FaultPanel(server, faults, proof, adminToken, boardPort);
            server.createContext("/faults", panel::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "fault-panel");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return panel;
        } catch (IOException e) {
            throw new UncheckedIOException("the fault panel could not listen on 127.0.0.1:" + port, e);
        }
    }

    /** The panel's address, for the board. */
    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host == null || !hosts.contains(host.toLowerCase())) {
                problem(exchange, 421, "Not this host", "the fault panel answers to localhost only");
                return;
            }
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null) {
                if (!boardOrigins.contains(origin)) {
                    problem(exchange, 403, "Not from this site", "only the live board may use the fault panel");
                    return;
                }
                exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().add("Vary", "Origin");
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("OPTIONS")) {
                exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST");
                exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Authorization");
                exchange.getResponseHeaders().add("Access-Control-Max-Age", "600");
                exchange.sendResponseHeaders(204, -1);
            } else if (method.equals("GET") && path.equals("/faults")) {
                json(exchange, 200, state());
            } else if (method.equals("POST") && path.startsWith("/faults/")) {
                cause(exchange, path.substring("/faults/".length()));
            } else {
                problem(exchange, 404, "Not found", method + " " + path + " is not part of the fault panel");
            }
        }
    }

    private Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("faults", faults.available());
        state.put("underWay", underWay.get());
        state.put("tokenNeeded", adminToken != null);
        state.put("happenings", faults.happenings());
        Proof.Account account = proof.get();
        state.put("proof", account);
        state.put("holds", account.holds());
        return state;
    }

    private void cause(HttpExchange exchange, String id) throws IOException {
        if (adminToken != null && !presentsToken(exchange)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            problem(exchange, 401, "Admin token needed", "causing a fault needs the admin token (Authorization: Bearer ...)");
            return;
        }
        if (!faults.offers(id)) {
            problem(exchange, 404, "No such fault", "this shop offers no fault '" + id + "'");
            return;
        }
        if (!underWay.compareAndSet(null, id)) {
            problem(exchange, 409, "A fault is under way", underWay.get() + " is under way; one fault at a time");
            return;
        }
        faultRunner.execute(() -> {
            try {
                faults.cause(id);
            } catch (RuntimeException e) {
                faults.tell(id + " failed: " + e.getMessage());
            } finally {
                underWay.set(null);
            }
        });
        json(exchange, 202, Map.of("underWay", id));
    }

    private boolean presentsToken(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(authorization.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8),
                adminToken.getBytes(StandardCharsets.UTF_8));
    }

    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        send(exchange, status, "application/problem+json", problem);
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", body);
    }

    private static void send(HttpExchange exchange, int status, String type, Object body) throws IOException {
        byte[] bytes = ShopJson.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops answering, after the fault under way (interrupted where it waits) has ended. */
    @Override
    public void close() {
        server.stop(0);
        faultRunner.shutdownNow();
        try {
            faultRunner.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
