package dev.chippy.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One shop at a time. The runner holds a lock on {@code .chippy/run.lock} for as long as it
 * runs (the operating system releases it if the runner dies), and keeps its own pid and the
 * pids of the processes it started in {@code .chippy/run.pids}. A runner that died without
 * closing its shop left those pids behind; the next runner stops them — only those, by pid —
 * before it starts.
 *
 * <p>The pids are in a file of their own because a POSIX lock is released when its process
 * closes any descriptor of the locked file: reading the lock file would unlock it.
 */
final class RunLock implements AutoCloseable {

    private final Path pids;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path pids, FileChannel channel, FileLock lock) {
        this.pids = pids;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another runner holds it; {@link #holder(Path)} says who. */
    static Optional<RunLock> acquire(Path dir) {
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve("run.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new RunLock(dir.resolve("run.pids"), channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock " + dir.resolve("run.lock"), e);
        }
    }

    /** What the runner holding the lock wrote: "pid=…, since=…". */
    static String holder(Path dir) {
        try {
            return Files.readAllLines(dir.resolve("run.pids")).stream()
                    .filter(line -> line.startsWith("pid=") || line.startsWith("since="))
                    .collect(Collectors.joining(", "));
        } catch (IOException e) {
            return "pid unknown";
        }
    }

    /** The processes a runner that died left behind (read before {@link #record} overwrites them). */
    List<ProcessHandle> leftBehind() {
        if (!Files.exists(pids)) {
            return List.of();
        }
        try {
            String children = Files.readAllLines(pids).stream().filter(line -> line.startsWith("children="))
                    .map(line -> line.substring("children=".length())).findFirst().orElse("");
            return Arrays.stream(children.split(",")).filter(pid -> !pid.isBlank())
                    .map(pid -> ProcessHandle.of(Long.parseLong(pid.trim())))
                    .flatMap(Optional::stream)
                    .filter(ProcessHandle::isAlive)
                    // Only processes that still look like ours: a java process running Chippy or Kafka.
                    .filter(process -> process.info().commandLine().map(line -> line.contains("chippy")
                            || line.contains("kafka.Kafka")).orElse(false))
                    .toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    /** Writes this runner's pid and its children's pids. */
    void record(List<Long> children) {
        String content = "pid=" + ProcessHandle.current().pid() + "\n"
                + "since=" + Instant.now() + "\n"
                + "children=" + children.stream().map(String::valueOf).collect(Collectors.joining(",")) + "\n";
        try {
            Files.writeString(pids, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(pids);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
