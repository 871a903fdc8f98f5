package dev.sluice.gateway.chat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes Server-Sent Events to one response and flushes each, so every token leaves at once.
 * A write that fails means the client went away.
 */
final class SseWriter {
    private final ServletOutputStream out;

    SseWriter(HttpServletResponse response, long retryMs) throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        this.out = response.getOutputStream();
        write("retry: " + retryMs + "\n\n");
    }

    void event(long id, String data) throws IOException {
        write("id: " + id + "\ndata: " + data + "\n\n");
    }

    void data(String data) throws IOException {
        write("data: " + data + "\n\n");
    }

    void heartbeat() throws IOException {
        write(": keep-alive\n\n");
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
