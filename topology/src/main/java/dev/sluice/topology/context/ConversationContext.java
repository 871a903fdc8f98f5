package dev.sluice.topology.context;

import dev.sluice.schemas.event.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The turns of one conversation as the topology keeps them (masked text only), in the
 * {@code conversation-context} store. Its turns are sealed with the conversation's data key on
 * the changelog ({@link ContextSealing}); the conversation id is here because a store's value
 * serde does not see the record key. Null only in contexts written before encryption.
 */
public record ConversationContext(
        String userId,
        List<ChatMessage> turns,
        long updatedAtMs,
        @Nullable String conversationId) {
    public ConversationContext {
        turns = List.copyOf(turns);
    }

    public ConversationContext append(ChatMessage turn, long now) {
        List<ChatMessage> next = new ArrayList<>(turns);
        next.add(turn);
        return new ConversationContext(userId, next, now, conversationId);
    }

    /**
     * The turns that fit a token budget: the system prompt always, then the newest turns that
     * fit, oldest dropped first. Tokens are estimated (the engine checks exactly).
     */
    public static List<ChatMessage> trim(List<ChatMessage> turns, int budgetTokens) {
        List<ChatMessage> system =
                turns.stream().filter(m -> "system".equals(m.role())).toList();
        int used = system.stream().mapToInt(m -> estimateTokens(m.content())).sum();
        List<ChatMessage> kept = new ArrayList<>();
        for (int i = turns.size() - 1; i >= 0; i--) {
            ChatMessage m = turns.get(i);
            if ("system".equals(m.role())) continue;
            int cost = estimateTokens(m.content());
            if (used + cost > budgetTokens && !kept.isEmpty()) break;
            used += cost;
            kept.addFirst(m);
        }
        List<ChatMessage> out = new ArrayList<>(system);
        out.addAll(kept);
        return out;
    }

    /** About 3.5 characters per token for English under BPE vocabularies, plus the turn header. */
    public static int estimateTokens(String text) {
        return (int) Math.ceil(text.length() / 3.5) + 5;
    }
}
