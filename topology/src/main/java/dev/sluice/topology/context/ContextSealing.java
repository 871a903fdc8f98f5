package dev.sluice.topology.context;

import dev.sluice.schemas.crypto.ContentScope;
import dev.sluice.schemas.crypto.EventSealing;
import dev.sluice.schemas.crypto.Sealing;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The context changelog: turns sealed with the conversation's data key, owner and time clear. */
public final class ContextSealing implements Sealing<ConversationContext> {
    public static final ContextSealing INSTANCE = new ContextSealing();

    @Override
    public @Nullable ContentScope scope(ConversationContext v) {
        return v.conversationId() == null ? null : new ContentScope(v.userId(), v.conversationId());
    }

    @Override
    public byte[] associatedData(ConversationContext v) {
        return EventSealing.aad("context", v.conversationId(), v.userId());
    }

    @Override
    public byte[] content(ConversationContext v) {
        return EventSealing.json(v.turns());
    }

    @Override
    public ConversationContext strip(ConversationContext v) {
        return new ConversationContext(v.userId(), List.of(), v.updatedAtMs(), v.conversationId());
    }

    @Override
    public ConversationContext restore(ConversationContext v, byte[] content) {
        return new ConversationContext(v.userId(), EventSealing.messages(content), v.updatedAtMs(), v.conversationId());
    }

    private ContextSealing() {}
}
