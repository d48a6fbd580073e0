package dev.chippy.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a service's JVM is sized and started, by {@code ./chippy run} and by the benchmark: one
 * place for the options and the environment (decision 8 has what each one was measured to do).
 *
 * @param heaps     the largest heap of a module, in MB, where it is not {@code otherHeap}
 * @param otherHeap the largest heap of every other module, in MB
 * @param quickJit  only the quick JIT (C1): a service opens sooner and compiles less, and runs slower
 */
public record ServiceJvm(Map<String, Integer> heaps, int otherHeap, boolean quickJit) {

    /** {@code ./chippy run}: roomy heaps, and only the quick JIT; a demo's few orders a second need no more. */
    public static final ServiceJvm DEMO = new ServiceJvm(Map.of(), 384, true);

    /**
     * The shop as the benchmark measures it, under load: the full JIT, and heaps sized to the
     * work. A preparer and a cook hold one poll's batch at a time, and 128 MB is plenty. The
     * till holds every order waiting to be written (up to {@code chippy.till.queue-capacity},
     * each with its request) and the record keeper whole batches of rows, so they keep 256 MB:
     * at 128 MB the till ran out of heap when offered more than it could write.
     */
    public static final ServiceJvm MEASURED = new ServiceJvm(Map.of("preparer-service", 128, "cook-service", 128), 256, false);

    /**
     * glibc's malloc gives each thread that allocates native memory an arena of its own, up to
     * eight per core, and each keeps what it once held; two arenas hold the same in less.
     */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /** The JVM options of a service of {@code module}, on the JDK the runner runs on (which starts it). */
    public List<String> options(String module) {
        // A service out of heap stops, rather than limp on answering errors: its readers' work
        // goes to the rest of its group, and whoever watches it sees that it stopped.
        List<String> options = new ArrayList<>(List.of("-Xmx" + heaps.getOrDefault(module, otherHeap) + "m",
                "-XX:+UseSerialGC", "-Xss512k", "-XX:+ExitOnOutOfMemoryError"));
        if (Runtime.version().feature() >= 25) {
            // Headers of 8 bytes instead of 12 (JEP 519, a product option from 25 on): the same objects in less heap.
            options.add("-XX:+UseCompactObjectHeaders");
        }
        if (quickJit) {
            options.add("-XX:TieredStopAtLevel=1");
        }
        return options;
    }
}
