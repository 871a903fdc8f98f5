package dev.sluice.worker.engine.openai;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP exchange of a {@link RemoteStream}'s tries, which other threads can end: a cancel, or
 * a try's watchdog once the server stays silent past the try's deadline, disconnects, which fails
 * the blocked connect, header wait or body read at once.
 *
 * <p>A blocking {@link HttpURLConnection} read on the stream's own thread, not
 * {@code java.net.http}: a profile of the worker put a fifth of its CPU in that client's
 * asynchronous pipeline (a selector hand-off and a flow of buffers per SSE chunk), and the
 * blocking client spends about 40% less per streamed request side by side. A stream read to its
 * end goes back to the keep-alive cache; any other is disconnected.
 */
final class UpstreamCall {
    private final OpenAiEngineConfig config;
    private final Watchdog watchdog;
    private volatile boolean cancelled;
    private volatile @Nullable HttpURLConnection connection;

    UpstreamCall(OpenAiEngineConfig config, Watchdog watchdog) {
        this.config = config;
        this.watchdog = watchdog;
    }

    boolean cancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
        abort();
    }

    /** Disconnects once {@code state}'s deadline passes (checked every 20 ms) and marks the try timed out. */
    Watchdog.Watched watch(StreamState state) {
        return watchdog.watch(state, this::abort);
    }

    /**
     * Sends a try's request and waits for its status line; the connection is the one a cancel or
     * the watchdog ends from now on. The caller reads the status and body, then calls {@link #end}.
     */
    HttpURLConnection send(URI base, byte[] json) throws IOException {
        HttpURLConnection http =
                (HttpURLConnection) base.resolve("/v1/chat/completions").toURL().openConnection(Proxy.NO_PROXY);
        connection = http;
        if (cancelled) {
            throw new IOException("cancelled");
        }
        http.setConnectTimeout(millis(config.connectTimeout().toMillis()));
        // A backstop only: the watchdog ends a silent stream first, with the right message.
        http.setReadTimeout(millis(Math.max(
                        config.firstTokenTimeout().toMillis(),
                        config.idleTimeout().toMillis())
                + 5_000));
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        // Streaming mode: the client never resends the POST by itself (a stale keep-alive
        // connection fails like any other failure, and RemoteStream's retry decides).
        http.setFixedLengthStreamingMode(json.length);
        http.setRequestProperty("Content-Type", "application/json");
        http.setRequestProperty("Accept", "text/event-stream");
        try (OutputStream out = http.getOutputStream()) {
            out.write(json);
        }
        http.getResponseCode();
        return http;
    }

    /** Ends a try: a body read to its end keeps its connection for the next request; any other is closed. */
    void end(@Nullable HttpURLConnection http, boolean readToEnd) {
        connection = null;
        if (http != null && !readToEnd) {
            http.disconnect();
        }
    }

    private void abort() {
        HttpURLConnection c = connection;
        if (c != null) {
            c.disconnect();
        }
    }

    private static int millis(long ms) {
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
