package dev.sluice.worker.loop;

import dev.sluice.schemas.event.PromptReady;
import org.jspecify.annotations.Nullable;

/** What a prompt that parsed must still carry before a worker can serve it. */
final class PromptChecks {

    /** Why a prompt that parsed still cannot be served, or null when it can. */
    static @Nullable String unusable(PromptReady prompt) {
        if (prompt.correlationId() == null || prompt.correlationId().isBlank()) return "no correlationId";
        if (prompt.conversationId() == null) return "no conversationId";
        if (prompt.sampling() == null) return "no sampling";
        if (prompt.prompt() == null && prompt.messages().isEmpty()) return "neither prompt nor messages";
        return null;
    }

    private PromptChecks() {}
}
