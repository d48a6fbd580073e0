package dev.chippy.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process the runner started: a service, or the Kafka broker. Its output goes to a log
 * file; it is stopped with SIGTERM (a graceful shutdown) and killed only if it will not go.
 */
public final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Where {@code setsid} exists (Linux), children run in a session of their own: Ctrl-C in
     * the terminal then reaches only the runner, which closes the shop in order (services
     * first, then Kafka, then PostgreSQL) instead of everything stopping at once.
     */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /** Starts {@code java [jvmOptions] args...} with the JDK the runner itself runs on. */
    public static ChildProcess startJava(String name, List<String> jvmOptions, List<String> arguments, Path log) {
        return startJava(name, jvmOptions, arguments, log, java.util.Map.of());
    }

    /**
     * The same, with {@code environment} added to the runner's own: where secrets go, since a
     * process's environment is readable by its owner only while its command line is shown
     * to every user by {@code ps}.
     */
    public static ChildProcess startJava(String name, List<String> jvmOptions, List<String> arguments, Path log,
                                         java.util.Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            return new ChildProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** Asks it to stop and waits up to {@code grace}; kills it if it has not stopped by then. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of its log, for saying why it stopped. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
