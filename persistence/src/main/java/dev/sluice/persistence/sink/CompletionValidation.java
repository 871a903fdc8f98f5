package dev.sluice.persistence.sink;

import dev.sluice.schemas.event.CompletionRecorded;
import org.jspecify.annotations.Nullable;

/** What a completion must carry before any store accepts it; the answer is a dead-letter reason. */
final class CompletionValidation {

    static @Nullable String problemWith(@Nullable CompletionRecorded c) {
        if (c == null) return "empty value";
        if (blank(c.correlationId())) return "missing correlationId";
        if (blank(c.conversationId())) return "missing conversationId";
        if (blank(c.userId())) return "missing userId";
        if (c.content() == null) return "missing content";
        if (c.usage() == null) return "missing usage";
        if (c.timings() == null) return "missing timings";
        if (blank(c.model())) return "missing model";
        if (blank(c.finishReason())) return "missing finishReason";
        return null;
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private CompletionValidation() {}
}
