package dev.chippy.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        return startJava(name, jvmOptions, arguments, log, Map.of(), false);
    }

    /** As above; {@code appendToLog} keeps what an earlier run of the same process wrote (a restart). */
    public static ChildProcess startJava(String name, List<String> jvmOptions, List<String> arguments, Path log,
                                         boolean appendToLog) {
        return startJava(name, jvmOptions, arguments, log, Map.of(), appendToLog);
    }

    /**
     * As above, with {@code environment} added to the runner's own: where secrets go, since a
     * process's environment is readable by its owner only while its command line is shown
     * to every user by {@code ps}.
     */
    public static ChildProcess startJava(String name, List<String> jvmOptions, List<String> arguments, Path log,
                                         Map<String, String> environment, boolean appendToLog) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(appendToLog ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
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

    /** Kills it outright, {@code kill -9} by its pid, and waits until it is gone. */
    public void kill() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") survived kill -9");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Freezes it ({@code kill -STOP} by its pid): it holds its sockets and answers nothing. */
    public void pause() {
        signal("STOP");
    }

    /** Lets a frozen process go on ({@code kill -CONT}). */
    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
