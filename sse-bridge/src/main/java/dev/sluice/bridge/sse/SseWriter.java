package dev.sluice.bridge.sse;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes Server-Sent Events. Events are buffered until {@link #flush}; the response writer
 * flushes after each event, so every event leaves at once. A write that
 * fails means the client went away. The first thing written is the {@code retry:} hint that
 * tells an EventSource how long to wait before it reconnects with {@code Last-Event-ID}.
 */
public final class SseWriter {
    private final OutputStream out;

    public SseWriter(OutputStream out, long retryMs) throws IOException {
        this.out = out;
        write("retry: " + retryMs + "\n\n");
        flush();
    }

    /** Sets the response up as an event stream (status 200, no caching or proxy buffering); nothing is sent yet. */
    public static void prepare(HttpServletResponse response) {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
    }

    public void event(long id, String data) throws IOException {
        write("id: " + id + "\ndata: " + data + "\n\n");
    }

    /** An event without id: the client's Last-Event-ID stays at the previous event. */
    public void data(String data) throws IOException {
        write("data: " + data + "\n\n");
    }

    public void heartbeat() throws IOException {
        write(": keep-alive\n\n");
        flush();
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
