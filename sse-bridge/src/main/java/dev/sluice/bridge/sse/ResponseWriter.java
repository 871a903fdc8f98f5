package dev.sluice.bridge.sse;

import dev.sluice.bridge.Collected;
import dev.sluice.bridge.route.EventFeed;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.openai.ChunkFormat;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Writes one response's events to one client as OpenAI chunks over SSE, with heartbeat
 * comments while nothing flows. Every chunk carries its sequence as {@code id:}, the role
 * chunk that opens a response carries 0, so {@code Last-Event-ID} says exactly where to resume.
 */
public final class ResponseWriter {
    private final Duration heartbeat;
    private final Duration idleTimeout;

    public ResponseWriter(Duration heartbeat, Duration idleTimeout) {
        this.heartbeat = heartbeat;
        this.idleTimeout = idleTimeout;
    }

    /**
     * @param first     an event already taken from the feed (the gateway's decision event), or null
     * @param fromStart whether the client has nothing yet, so the role chunk (id 0) goes first
     */
    public Outcome stream(
            EventFeed feed,
            @Nullable StreamEvent first,
            SseWriter sse,
            ChunkFormat format,
            boolean includeUsage,
            boolean fromStart)
            throws InterruptedException {
        try {
            if (fromStart) sse.event(0, format.delta("assistant", "", null));
            StreamEvent event = first;
            long idleSince = System.nanoTime();
            while (true) {
                if (event == null) {
                    if (feed.overflowed()) {
                        sse.data(ChunkFormat.error(
                                "The client read too slowly and fell behind; reconnect to GET /v1/streams/"
                                        + feed.correlationId() + " with Last-Event-ID to resume.",
                                "server_error",
                                "slow_consumer"));
                        sse.flush();
                        return Outcome.SLOW_CONSUMER;
                    }
                    if (System.nanoTime() - idleSince > idleTimeout.toNanos()) {
                        sse.data(ChunkFormat.error(
                                "No output from the engine for " + idleTimeout.toSeconds() + " s.",
                                "server_error",
                                "timeout"));
                        sse.flush();
                        return Outcome.IDLE_TIMEOUT;
                    }
                    sse.heartbeat();
                } else {
                    idleSince = System.nanoTime();
                    boolean ended = write(event, sse, format, includeUsage);
                    // Every event leaves at once, in its own write: the worker already merges tokens
                    // into events, and a client (or a proxy) sees the answer grow event by event.
                    sse.flush();
                    if (ended) return Outcome.FINISHED;
                }
                event = feed.next(heartbeat);
            }
        } catch (IOException e) {
            return Outcome.CLIENT_GONE;
        }
    }

    /** Writes one event; true when it ended the response. */
    private static boolean write(StreamEvent event, SseWriter sse, ChunkFormat format, boolean includeUsage)
            throws IOException {
        switch (event.type()) {
            case CHUNK -> {
                sse.event(event.seq(), format.delta(null, event.text(), null));
                return false;
            }
            case DONE -> {
                sse.event(event.seq(), format.delta(null, null, event.finishReason()));
                if (includeUsage && event.usage() != null) sse.data(format.usageChunk(event.usage()));
                sse.data("[DONE]");
                return true;
            }
            default -> {
                sse.event(
                        event.seq(),
                        ChunkFormat.error(
                                event.message() == null ? "The response failed." : event.message(),
                                event.type() == StreamEvent.Type.BLOCKED ? "invalid_request_error" : "server_error",
                                event.code()));
                return true;
            }
        }
    }

    /** Reads a whole response for a non-streaming request; null when it stalled past the idle timeout. */
    public @Nullable Collected collect(EventFeed feed, @Nullable StreamEvent first) throws InterruptedException {
        StringBuilder text = new StringBuilder();
        StreamEvent event = first;
        long idleSince = System.nanoTime();
        while (true) {
            if (event != null) {
                idleSince = System.nanoTime();
                if (event.terminal()) return new Collected(text.toString(), event);
                if (event.text() != null) text.append(event.text());
            } else if (System.nanoTime() - idleSince > idleTimeout.toNanos()) {
                return null;
            }
            event = feed.next(Duration.ofSeconds(1));
        }
    }
}
