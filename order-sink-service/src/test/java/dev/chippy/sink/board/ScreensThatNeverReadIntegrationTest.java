package dev.chippy.sink.board;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.chippy.order.Order;
import dev.chippy.sink.ShopEvents;
import dev.chippy.testsupport.KafkaInfrastructure;
import dev.chippy.testsupport.Listeners;
import dev.chippy.testsupport.PostgresInfrastructure;
import dev.chippy.testsupport.TestProducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that open the board's stream and never read it. Once a connection's socket buffers
 * are full, the board's send to it blocks; such a screen is closed after {@code stalled-screen},
 * its place is free again, and the screens that read go on getting every board meanwhile.
 *
 * <p>On loopback the kernel's buffers take a few MB before a send blocks, a minute or more
 * of a busy board; here the web server's send buffer is made small, so that the same thing
 * happens within seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chippy.sink.till-url=http://localhost:9",
        "chippy.board.max-screens-per-client=10",
        "chippy.board.stalled-screen=3s"})
@Import({KafkaInfrastructure.class, PostgresInfrastructure.class, ScreensThatNeverReadIntegrationTest.SmallSendBuffers.class})
class ScreensThatNeverReadIntegrationTest {

    private static final int SLEEPERS = 4;

    @TestConfiguration(proxyBeanMethods = false)
    static class SmallSendBuffers {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSendBuffers() {
            return factory -> factory.addConnectorCustomizers(connector -> connector.setProperty("socket.txBufSize", "4096"));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    ApplicationContext service;

    @Autowired
    Screens screens;

    @Test
    void screensThatNeverReadAreClosedAndTheOthersKeepTheirBoard() throws Exception {
        Listeners.awaitAssignment(service);
        List<Socket> sleepers = new ArrayList<>();
        ScheduledExecutorService till = Executors.newSingleThreadScheduledExecutor();
        AtomicLong numbers = new AtomicLong();
        try (TestProducer shop = new TestProducer(String.join(",", kafka.getBootstrapServers()));
             BoardStream reader = BoardStream.open(URI.create("http://localhost:" + port + "/board/events"))) {
            for (int i = 0; i < SLEEPERS; i++) {
                sleepers.add(neverReading());
            }
            await("every screen connected").atMost(Duration.ofSeconds(30)).until(() -> screens.watching() == SLEEPERS + 1);

            // A till that keeps selling, so that the board changes at every push.
            till.scheduleAtFixedRate(() -> {
                long number = numbers.incrementAndGet();
                Order order = ShopEvents.order("till-" + (number % 8), number, "cod-and-chips", "chips", "mushy-peas");
                shop.publish(ShopEvents.placed(order));
            }, 0, 50, TimeUnit.MILLISECONDS);

            long selling = System.nanoTime();
            // Soon after their sends get stuck, not only once the stuck writes time out (a minute):
            // until then the board was held up for every screen.
            await("the screens that never read are closed").atMost(Duration.ofSeconds(30)).until(() -> screens.watching() == 1);
            System.out.printf("Screens that never read: %d closed %.1f s after the board began to change, the reading one had %d boards%n",
                    SLEEPERS, (System.nanoTime() - selling) / 1e9, reader.count(Screens.BOARD));
            int boardsSoFar = reader.count(Screens.BOARD);
            await("and the one that reads still gets the board").atMost(Duration.ofSeconds(30)).until(() ->
                    reader.count(Screens.BOARD) > boardsSoFar + 4);

            assertThat(screens.watching()).as("only the reading screen is watching").isEqualTo(1);
            BoardStream another = BoardStream.open(URI.create("http://localhost:" + port + "/board/events"));
            await("a new screen gets a place and its board").atMost(Duration.ofSeconds(10)).until(() ->
                    another.latest(Screens.BOARD) != null);
            another.close();
        } finally {
            till.shutdownNow();
            till.awaitTermination(10, TimeUnit.SECONDS);
            for (Socket sleeper : sleepers) {
                sleeper.close();
            }
        }
    }

    /** Asks for the board's stream with a tiny receive buffer, and never reads a byte of it. */
    private Socket neverReading() throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("localhost", port), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(String.join("\r\n", Arrays.asList("GET /board/events HTTP/1.1", "Host: localhost:" + port,
                "Accept: text/event-stream", "", "")).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
