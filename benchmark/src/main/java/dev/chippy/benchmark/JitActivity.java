package dev.chippy.benchmark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * How long the JIT compilers of some running JVMs have spent compiling, read from each JVM's
 * performance counters: the {@code hsperfdata} file HotSpot keeps in the temporary directory
 * for {@code jstat} and {@code jcmd}, read in place without starting a tool. A JVM that still
 * compiles is still warming up, whatever its figures say: on two cores a till at saturation
 * was still compiling for 15% of the time seven minutes in, while three windows of its rate
 * already agreed within 5% (decision 8).
 */
final class JitActivity implements SteadyState.Compilers {

    private static final int MAGIC = 0xcafec0c0;

    private final List<Long> pids;

    JitActivity(List<Long> pids) {
        this.pids = List.copyOf(pids);
    }

    /** Milliseconds spent compiling so far, summed over the JVMs; empty when a JVM's counters cannot be read. */
    @Override
    public OptionalDouble compiledMillis() {
        double total = 0;
        for (long pid : pids) {
            OptionalDouble millis = compiledMillis(pid);
            if (millis.isEmpty()) {
                return OptionalDouble.empty();
            }
            total += millis.getAsDouble();
        }
        return OptionalDouble.of(total);
    }

    @Override
    public int jvms() {
        return pids.size();
    }

    static OptionalDouble compiledMillis(long pid) {
        // HotSpot keeps them in the system's temporary directory (/tmp on Linux), whatever java.io.tmpdir says.
        String user = "hsperfdata_" + System.getProperty("user.name");
        Path file = Path.of("/tmp", user, Long.toString(pid));
        if (!Files.exists(file)) {
            file = Path.of(System.getProperty("java.io.tmpdir"), user, Long.toString(pid));
        }
        try {
            Map<String, Long> counters = counters(ByteBuffer.wrap(Files.readAllBytes(file)));
            Long ticks = counters.get("java.ci.totalTime");
            Long frequency = counters.get("sun.os.hrt.frequency");
            return ticks == null || frequency == null || frequency == 0 ? OptionalDouble.empty()
                    : OptionalDouble.of(ticks * 1000.0 / frequency);
        } catch (IOException | RuntimeException unreadable) {
            return OptionalDouble.empty();
        }
    }

    /**
     * The long counters of a {@code hsperfdata} buffer (format 2.0): a 32-byte prologue (magic,
     * byte order, versions, used, overflow, time stamp, offset of the first entry, number of
     * entries), then entries of a length, a name offset, a vector length (0 for a scalar), a
     * type ('J' for a long), flags, units, variability and a data offset.
     */
    static Map<String, Long> counters(ByteBuffer buffer) {
        if (buffer.getInt(0) != MAGIC) {
            throw new IllegalArgumentException("not a HotSpot performance data file");
        }
        buffer.order(buffer.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int entry = buffer.getInt(24);
        int entries = buffer.getInt(28);
        Map<String, Long> counters = new HashMap<>();
        for (int n = 0; n < entries; n++) {
            int length = buffer.getInt(entry);
            int nameOffset = buffer.getInt(entry + 4);
            int vectorLength = buffer.getInt(entry + 8);
            byte type = buffer.get(entry + 12);
            int dataOffset = buffer.getInt(entry + 16);
            if (type == 'J' && vectorLength == 0) {
                counters.put(name(buffer, entry + nameOffset), buffer.getLong(entry + dataOffset));
            }
            entry += length;
        }
        return counters;
    }

    private static String name(ByteBuffer buffer, int at) {
        int end = at;
        while (buffer.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
