package dev.chippy.runner;

import java.util.ArrayList;
import java.util.List;

import dev.chippy.port.Ports;

/**
 * The ports the services answer on. The runner uses the contract's (till 8081, preparer
 * 8082, cook 8083, record keeper 8084, more preparers from 8085, the analyst 8090, and the
 * runner's own fault panel 8091, on this machine only); tests use free ones. The contract is
 * where each port is decided: every other copy of it (each service's
 * own {@code server.port}, the compose file, the Dockerfile, the defaults by which one service
 * finds another, the README) is checked against it by {@code ComposeFileIT}.
 */
public record ShopPorts(int till, int preparer, int cook, int sink, List<Integer> morePreparers, int analyst, int faults) {

    public static ShopPorts contract() {
        return new ShopPorts(8081, 8082, 8083, 8084, List.of(8085, 8086, 8087, 8088, 8089), 8090, 8091);
    }

    public static ShopPorts free() {
        List<Integer> more = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            more.add(Ports.free(0));
        }
        return new ShopPorts(Ports.free(0), Ports.free(0), Ports.free(0), Ports.free(0), more, Ports.free(0), Ports.free(0));
    }

    /** The port of preparer number {@code n}, counting from 1. */
    public int preparer(int n) {
        return n == 1 ? preparer : morePreparers.get(n - 2);
    }

    public List<Integer> all(int preparers) {
        List<Integer> ports = new ArrayList<>(List.of(till, cook, sink, analyst, faults));
        for (int n = 1; n <= preparers; n++) {
            ports.add(preparer(n));
        }
        return ports;
    }
}
