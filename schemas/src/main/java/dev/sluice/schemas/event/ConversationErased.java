package dev.sluice.schemas.event;

/**
 * Value of {@code chat.erasures}: a conversation was erased at its owner's request, so every
 * copy derived from it (the topology's context store, cached responses) must go too. Key:
 * conversation id, so it lands in the same partition number as the conversation's completions.
 * Published by persistence when the database's delete of the conversation row reaches the CDC
 * stream, i.e. only after the erasure is committed. Consumers must be idempotent: the event can
 * be delivered more than once.
 */
public record ConversationErased(String conversationId, String userId, long erasedAtMs) {}
