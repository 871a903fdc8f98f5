package dev.sluice.schemas.event;

import org.jspecify.annotations.Nullable;

/**
 * Value of {@code chat.stream}: one event of one response, keyed by correlation id so a response
 * stays in one partition, in order. {@code seq} starts at 1 and grows by one per event of a
 * response; it is the SSE event id and what the bridge deduplicates on, so a worker that takes
 * over a response mid-way never shows repeated text.
 */
public record StreamEvent(
        String correlationId,
        long seq,
        Type type,
        @Nullable String text,
        @Nullable Usage usage,
        @Nullable String finishReason,
        @Nullable String code,
        @Nullable String message,
        boolean cached,
        long tsMs,
        @Nullable String conversationId,
        @Nullable String userId) {

    public enum Type {
        CHUNK,
        DONE,
        ERROR,
        BLOCKED
    }

    public static StreamEvent chunk(String correlationId, long seq, String text, boolean cached) {
        return new StreamEvent(
                correlationId,
                seq,
                Type.CHUNK,
                text,
                null,
                null,
                null,
                null,
                cached,
                System.currentTimeMillis(),
                null,
                null);
    }

    public static StreamEvent done(String correlationId, long seq, Usage usage, String finishReason, boolean cached) {
        return new StreamEvent(
                correlationId,
                seq,
                Type.DONE,
                null,
                usage,
                finishReason,
                null,
                null,
                cached,
                System.currentTimeMillis(),
                null,
                null);
    }

    public static StreamEvent error(String correlationId, long seq, String code, String message) {
        return new StreamEvent(
                correlationId,
                seq,
                Type.ERROR,
                null,
                null,
                null,
                code,
                message,
                false,
                System.currentTimeMillis(),
                null,
                null);
    }

    public static StreamEvent blocked(String correlationId, long seq, String code, String message) {
        return new StreamEvent(
                correlationId,
                seq,
                Type.BLOCKED,
                null,
                null,
                null,
                code,
                message,
                false,
                System.currentTimeMillis(),
                null,
                null);
    }

    /**
     * This event of the given conversation of the given user: the scope whose data key seals its
     * text ({@code chat.stream} is keyed by correlation id, so the event names it). Routing
     * fields, clear on the topic.
     */
    public StreamEvent scoped(@Nullable String conversationId, @Nullable String userId) {
        return new StreamEvent(
                correlationId,
                seq,
                type,
                text,
                usage,
                finishReason,
                code,
                message,
                cached,
                tsMs,
                conversationId,
                userId);
    }

    public StreamEvent withContent(@Nullable String text, @Nullable String message) {
        return new StreamEvent(
                correlationId,
                seq,
                type,
                text,
                usage,
                finishReason,
                code,
                message,
                cached,
                tsMs,
                conversationId,
                userId);
    }

    /** DONE, ERROR and BLOCKED end a response; nothing follows them. */
    public boolean terminal() {
        return type != Type.CHUNK;
    }
}
