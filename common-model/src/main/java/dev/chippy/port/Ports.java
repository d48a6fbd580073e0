package dev.chippy.port;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which ports are free on this machine, for the processes the runner, the benchmark and the
 * tests start on ports of their own choosing.
 *
 * <p>A port handed out here is bound later, by another process. A port the kernel picked
 * ({@code new ServerSocket(0)}) comes from its ephemeral range, the same range every outgoing
 * connection takes its local port from: in a busy shop (a dozen JVMs, each with Kafka and
 * JDBC connections) one of those could take the port first, and the service then fails with
 * "Port … was already in use". So ports are picked below that range, at random, and none is
 * handed out twice by one process.
 */
public final class Ports {

    /** The lowest port picked; below it are well-known services' ports (Kafka's 9092, PostgreSQL's 5432, ...). */
    private static final int LOWEST = 20_000;
    /** Linux's default start of the ephemeral range, where the kernel says nothing else. */
    private static final int EPHEMERAL_START = 32_768;
    private static final int ATTEMPTS = 1_000;

    private static final int BELOW_EPHEMERAL = ephemeralStart();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code preferred} when it is free and not handed out before, else a free port below the
     * ephemeral range; 0 for any. A preferred port handed out is remembered like any other: a
     * broker's controller port (its listener's port + 1) was once handed out again, at random, to
     * the till of the same shop, which found it taken when it started.
     */
    public static int free(int preferred) {
        if (preferred > 0 && HANDED_OUT.add(preferred) && isFree(preferred)) {
            return preferred;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, BELOW_EPHEMERAL);
            if (HANDED_OUT.add(port) && isFree(port)) {
                return port;
            }
        }
        // Every port tried was taken: let the kernel choose, as a last resort.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** The first of {@code ports} in use, or -1. */
    public static int firstInUse(List<Integer> ports) {
        return ports.stream().filter(port -> !isFree(port)).findFirst().orElse(-1);
    }

    /** Where the kernel's ephemeral range starts (Linux says so in /proc); a default elsewhere. */
    private static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : EPHEMERAL_START;
        } catch (IOException | RuntimeException e) {
            return EPHEMERAL_START;
        }
    }
}
