package dev.chippy.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the machine itself was doing while a figure was measured, so that a run which differs
 * from the others can be told apart from a change in Chippy. Two readings:
 * <ul>
 * <li>its <b>speed</b>: a fixed piece of work (SHA-256 over the same 16 MB, on one core, best of
 * five) that shares no code with Chippy. On a shared virtual machine it has been seen to move by
 * half between runs an hour apart (decision 8);</li>
 * <li>its <b>steal</b>: the share of CPU time the hypervisor gave to someone else
 * ({@code /proc/stat}), over a span of time. Only on Linux.</li>
 * </ul>
 */
final class Machine {

    private static final byte[] WORK = new byte[16 * 1024 * 1024];

    static {
        Arrays.fill(WORK, (byte) 42);
    }

    private Machine() {
    }

    /** Megabytes per second of SHA-256 on one core: the best of five passes over the same bytes. */
    static double speed() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        long best = Long.MAX_VALUE;
        for (int pass = 0; pass < 5; pass++) {
            long began = System.nanoTime();
            sha256.update(WORK);
            sha256.digest();
            best = Math.min(best, System.nanoTime() - began);
        }
        return WORK.length / 1e6 / (best / 1e9);
    }

    /** The CPU time counters, when this is Linux. */
    static Optional<CpuTimes> cpuTimes() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            List<Long> ticks = Arrays.stream(cpu.trim().split("\\s+")).skip(1).map(Long::parseLong).toList();
            // user nice system idle iowait irq softirq steal (guest time is already in user)
            long total = ticks.stream().limit(8).mapToLong(Long::longValue).sum();
            return Optional.of(new CpuTimes(total, ticks.size() > 7 ? ticks.get(7) : 0));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** CPU ticks of all cores since boot, and those stolen by the hypervisor. */
    record CpuTimes(long total, long steal) {

        /** The share of the CPU time since {@code earlier} that was stolen, in percent. */
        double stealPercentSince(CpuTimes earlier) {
            long spent = total - earlier.total;
            return spent <= 0 ? 0 : 100.0 * (steal - earlier.steal) / spent;
        }
    }
}
