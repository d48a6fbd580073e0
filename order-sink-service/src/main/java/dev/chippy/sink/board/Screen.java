package dev.chippy.sink.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One browser watching the board, over server-sent events. Each event it is sent is the
 * whole of its part of the board, so only the latest of each kind matters: while a send is
 * under way, newer events replace the waiting ones instead of queueing behind them. A slow
 * browser therefore costs one pending event per kind, never a growing queue, and sends
 * happen on the senders' threads, never on the caller's.
 */
final class Screen {

    private static final MediaType JSON_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final String client;
    private final SseEmitter emitter;
    private final Executor senders;
    private final Map<String, String> waiting = new LinkedHashMap<>();
    private boolean sending;
    private boolean closed;
    private volatile long sendingSince;

    Screen(String client, SseEmitter emitter, Executor senders) {
        this.client = client;
        this.emitter = emitter;
        this.senders = senders;
    }

    /** The address the browser watches from. */
    String client() {
        return client;
    }

    /** Sends {@code json} as event {@code name} soon, replacing an event of that name still waiting. */
    void offer(String name, String json) {
        synchronized (this) {
            if (closed) {
                return;
            }
            waiting.put(name, json);
            if (sending) {
                return;
            }
            sending = true;
        }
        try {
            senders.execute(this::send);
        } catch (RejectedExecutionException shuttingDown) {
            close();
        }
    }

    private void send() {
        while (true) {
            Map<String, String> events;
            boolean abandoned;
            synchronized (this) {
                abandoned = closed;
                if (waiting.isEmpty() || closed) {
                    sending = false;
                    sendingSince = 0;
                    events = null;
                } else {
                    events = new LinkedHashMap<>(waiting);
                    waiting.clear();
                }
            }
            if (events == null) {
                if (abandoned) {
                    end();
                }
                return;
            }
            sendingSince = System.nanoTime();
            try {
                for (Map.Entry<String, String> event : events.entrySet()) {
                    emitter.send(SseEmitter.event().name(event.getKey()).data(event.getValue(), JSON_TEXT));
                }
            } catch (IOException | IllegalStateException gone) {
                close();
            }
        }
    }

    /** True when a send has been under way for longer than {@code limit}: the browser is not reading. */
    boolean stalled(long nowNanos, Duration limit) {
        long since = sendingSince;
        return since != 0 && nowNanos - since > limit.toNanos();
    }

    synchronized boolean closed() {
        return closed;
    }

    /** Ends the stream; the browser reconnects by itself when it can, and gets the whole board again. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            waiting.clear();
        }
        end();
    }

    /**
     * Gives up a screen whose send is stuck: it counts as closed at once, and its sender ends
     * the stream when the stuck write returns (it fails once the web server's write timeout
     * passes). Ending it here would wait for that write, since the emitter is locked while it
     * sends, and hold up the caller, the board's push to every other screen, with it.
     */
    void abandon() {
        synchronized (this) {
            closed = true;
            waiting.clear();
        }
    }

    private void end() {
        try {
            emitter.complete();
        } catch (RuntimeException alreadyDone) {
            // the connection is gone already
        }
    }
}
