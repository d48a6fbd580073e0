package dev.chippy.runner;

import java.nio.file.Path;
import java.time.Duration;

/** What the runner prints once the shop is open: where to look, and how to place an order. */
final class Banner {

    private Banner() {
    }

    static String of(RunOptions options, Shop shop, Path runDir, Duration ready) {
        StringBuilder banner = new StringBuilder();
        banner.append(String.format("%nChippy is open (%s) - ready in %.1f s%n%n", options.scenario().name(),
                ready.toMillis() / 1000.0));
        banner.append("  The shop, live       http://localhost:").append(shop.ports().sink()).append("/\n");
        banner.append("  Place an order       curl -si localhost:").append(shop.ports().till())
                .append("/orders -H 'Content-Type: application/json' -d '{\"lines\":[{\"item\":\"cod-and-chips\",\"quantity\":1}]}'\n");
        banner.append("  Follow it            curl -s 'localhost:").append(shop.ports().sink())
                .append("/orders/<orderId>?waitFor=READY&timeout=10s'\n");
        banner.append("  The menu             http://localhost:").append(shop.ports().till()).append("/menu\n");
        banner.append("  Simulated tills      http://localhost:").append(shop.ports().till()).append("/simulation\n");
        banner.append("  Stats, sync          http://localhost:").append(shop.ports().sink()).append("/stats   http://localhost:")
                .append(shop.ports().sink()).append("/sync\n");
        banner.append("  The analyst          http://localhost:").append(shop.ports().analyst())
                .append("/windows/orders-per-till   /windows/items   /windows/portions   /windows/ready-time   /windows/takings\n");
        if (shop.panel() != null) {
            banner.append("  Fault panel          on the live board (kill, restart, poison, slow down; and the proof)  ")
                    .append(shop.panel().url()).append("/faults\n");
        }
        banner.append("  Services             ");
        shop.services().forEach(service -> banner.append(service.name()).append(" :").append(service.port()).append("  "));
        banner.append('\n');
        banner.append("  Kafka                ").append(shop.kafka() != null ? shop.kafka().bootstrapServers() : options.kafka()).append('\n');
        banner.append("  PostgreSQL           ").append(shop.postgresUrl() != null ? shop.postgresUrl() + " (chippy/chippy)"
                : options.postgresUrl()).append('\n');
        banner.append("  Logs                 ").append(runDir.resolve("logs")).append("\n\n");
        banner.append("Press Ctrl-C to close the shop.");
        return banner.toString();
    }
}
