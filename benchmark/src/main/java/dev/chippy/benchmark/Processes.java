package dev.chippy.benchmark;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.chippy.runner.ChildProcess;
import dev.chippy.runner.ChippyJars;
import dev.chippy.runner.KafkaBroker;
import dev.chippy.port.Ports;
import dev.chippy.runner.Postgres;
import dev.chippy.runner.ServiceJvm;
import dev.chippy.runner.ServiceLaunch;
import dev.chippy.runner.Shop;

/** Starting the parts the benchmark measures one at a time, with the runner's own building blocks. */
final class Processes {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path home;
    private final Path dir;

    Processes(Path home, Path dir) {
        this.home = home;
        this.dir = dir;
    }

    KafkaBroker kafka(String name) {
        KafkaBroker kafka = KafkaBroker.launch(dir.resolve(name), dir.resolve("logs"), Shop.libraries(home),
                Ports.free(0), Ports.free(0));
        kafka.awaitReady();
        return kafka;
    }

    Postgres postgres(String name) {
        return Postgres.start(dir.resolve(name), Ports.free(0));
    }

    /** Launches a service's jar as the runner does, and measures how long it took to be ready. */
    Started service(String module, String name, List<String> arguments) {
        return service(module, name, arguments, launch -> ServiceLaunch.of(launch, false));
    }

    /**
     * Launches a service's unpacked jar with a chosen archive of its classes ({@code null}: none;
     * see {@link ServiceLaunch}), or writing it when the service stops ({@code write}).
     */
    Started service(String module, String name, List<String> arguments, Path archive, boolean write) {
        return service(module, name, arguments, unpacked -> ServiceLaunch.withArchive(unpacked, archive, write));
    }

    private Started service(String module, String name, List<String> arguments, Function<Path, ServiceLaunch> launch) {
        int port = Ports.free(0);
        Path unpacked = ServiceLaunch.unpacked(ChippyJars.of(home, module), home.resolve(".chippy").resolve("apps"), module);
        List<String> all = new ArrayList<>(launch.apply(unpacked).arguments());
        all.add("--server.port=" + port);
        all.addAll(arguments);
        long launched = System.nanoTime();
        ChildProcess process = ChildProcess.startJava(name, ServiceJvm.MEASURED.options(module), all,
                dir.resolve("logs").resolve(name + ".log"), ServiceJvm.ENVIRONMENT, false);
        Shop.Service service = new Shop.Service(name, port, process);
        Shop.awaitReady(service);
        return new Started(service, (System.nanoTime() - launched) / 1e9);
    }

    record Started(Shop.Service service, double secondsToReady) {
    }

    /** The bare MVC endpoint, from the benchmark's own jar. */
    Shop.Service bareTill() {
        int port = Ports.free(0);
        Path target = home.resolve("benchmark").resolve("target");
        String classpath = target.resolve("benchmark.jar") + File.pathSeparator + target.resolve("lib") + "/*";
        // The till's JVM, for a fair comparison with the till.
        List<String> jvm = new ArrayList<>(ServiceJvm.MEASURED.options("till-service"));
        jvm.addAll(List.of("-cp", classpath));
        ChildProcess process = ChildProcess.startJava("bare-till", jvm,
                List.of(BareTill.class.getName(), "--server.port=" + port), dir.resolve("logs").resolve("bare-till.log"),
                ServiceJvm.ENVIRONMENT, false);
        Shop.Service bare = new Shop.Service("bare-till", port, process);
        awaitAnswer(bare, URI.create(bare.url("/orders")));
        return bare;
    }

    private static void awaitAnswer(Shop.Service service, URI orders) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        HttpRequest request = HttpRequest.newBuilder(orders).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[]}")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!service.process().isAlive()) {
                throw new IllegalStateException(service.name() + " stopped:\n" + service.process().tail(20));
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new IllegalStateException(service.name() + " did not answer");
    }

    /** Resident memory of a process in MB, from /proc (Linux); NaN elsewhere. */
    static double residentMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
