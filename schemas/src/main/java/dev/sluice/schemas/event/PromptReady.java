package dev.sluice.schemas.event;

import java.util.List;

/**
 * Value of {@code chat.prompts}: a prompt that passed the gates, masked and templated, ready
 * for an engine. Key: conversation id, so every turn of a conversation lands on the worker
 * whose KV cache already holds its prefix.
 *
 * @param messages the masked messages the prompt was rendered from (remote engines that apply
 *                 their own chat template use these instead of {@code prompt})
 * @param prompt   the rendered prompt text (Llama 3.1 format by default)
 * @param cacheKey the response-cache key, so persistence can store the answer under it
 */
public record PromptReady(
        String correlationId,
        String conversationId,
        String userId,
        String model,
        List<ChatMessage> messages,
        String prompt,
        Sampling sampling,
        String cacheKey,
        long acceptedAtMs,
        long routedAtMs) {

    public PromptReady {
        messages = List.copyOf(messages);
    }
}
