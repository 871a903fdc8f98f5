package dev.sluice.schemas.event;

import org.jspecify.annotations.Nullable;

/**
 * Value of {@code chat.completions}: the final assistant message of one response. Key:
 * conversation id. Consumers upsert by {@code correlationId} (the message id), so replaying the
 * topic changes nothing.
 *
 * @param userMessage the (masked) user turn this answers, so history and persistence need not
 *                    join against {@code chat.requests}
 */
public record CompletionRecorded(
        String correlationId,
        String conversationId,
        String userId,
        String model,
        @Nullable String userMessage,
        String content,
        Usage usage,
        String finishReason,
        boolean cached,
        String cacheKey,
        Timings timings) {}
