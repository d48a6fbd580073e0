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
        int preferred = Ports.free(0);
        assertThat(Ports.free(preferred)).isEqualTo(preferred);
        try (ServerSocket taken = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Ports.isFree(preferred)).isFalse();
            assertThat(Ports.free(preferred)).isNotEqualTo(preferred);
        }
    }
}
