package dev.sluice.schemas.event;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Value of {@code chat.requests}: a request as the gateway accepted it (raw, unmasked; the topic
 * has short retention and restricted access). Key: conversation id.
 *
 * @param conversationId server-side conversation, or a fresh id for a stateless request
 * @param serverHistory  true when the client sent {@code conversation_id} and only the new turn,
 *                       so the topology must add the stored history
 */
public record ChatRequested(
        String correlationId,
        String conversationId,
        String userId,
        String model,
        List<ChatMessage> messages,
        Sampling sampling,
        boolean serverHistory,
        long acceptedAtMs) {

    public ChatRequested {
        messages = List.copyOf(messages);
    }

    public @Nullable String lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) return messages.get(i).content();
        }
        return null;
    }
}
