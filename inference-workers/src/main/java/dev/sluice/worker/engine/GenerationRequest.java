package dev.sluice.worker.engine;

import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.Sampling;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One sequence to generate.
 *
 * @param affinityKey  sequences with the same key (a conversation) go to the slot that holds
 *                     their prefix in its KV cache
 * @param prompt       the rendered prompt (in-process engines)
 * @param messages     the masked messages (remote engines apply their own template)
 * @param continuation text already streamed by a worker that died; the engine continues after
 *                     it instead of starting over (empty for a fresh request)
 */
public record GenerationRequest(
        String id,
        @Nullable String affinityKey,
        String prompt,
        List<ChatMessage> messages,
        Sampling sampling,
        String continuation) {}
