package dev.chippy.port;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    @Test
    void handsOutFreePortsBelowTheEphemeralRangeAndNeverOneTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = Ports.free(0);
            // Outgoing connections take their local ports from 32768 up (Linux's default range):
            // a port from there could be taken before the service it is for binds it.
            assertThat(port).isBetween(20_000, 32_767);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }

    @Test
    void givesThePreferredPortWhenItIsFreeAndAnotherWhenItIsNot() throws IOException {
        int preferred = portNobodyHandedOut();
        assertThat(Ports.free(preferred)).isEqualTo(preferred);

        int taken = portNobodyHandedOut();
        try (ServerSocket bound = new ServerSocket(taken, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Ports.isFree(taken)).isFalse();
            assertThat(Ports.free(taken)).isNotEqualTo(taken);
        }
    }

    @Test
    void aPreferredPortHandedOutIsNeverHandedOutAgain() throws IOException {
        int preferred = portNobodyHandedOut();
        assertThat(Ports.free(preferred)).isEqualTo(preferred);
        assertThat(Ports.free(preferred)).as("free, but handed out already").isNotEqualTo(preferred);

        int random = Ports.free(0);
        assertThat(Ports.free(random)).as("a port handed out at random is no one's preferred port after").isNotEqualTo(random);
    }

    /** A free port this class has not handed out: the kernel's pick, from its own range. */
    private static int portNobodyHandedOut() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
