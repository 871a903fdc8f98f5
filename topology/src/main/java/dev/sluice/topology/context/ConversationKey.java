package dev.sluice.topology.context;

/**
 * The key of a conversation's state (its turns, its PII vault): the conversation id scoped by its
 * user. {@code conversation_id} is chosen by the client, so two users can name the same id; keyed
 * by the id alone, the first writer owned it, and once its context expired after a day idle,
 * anyone could take it over and plant turns that its owner's next prompt would carry. Scoped,
 * each user only ever reaches their own state under an id, whatever anyone else sends, and this
 * holds after expiry too because nothing needs remembering. The record key on the topics stays
 * the bare conversation id, so every request, completion and erasure of one id still meets in
 * one partition; PostgreSQL keeps the first owner of an id for good (the sink refuses anyone
 * else's completions for it).
 */
public final class ConversationKey {
    /** Unit separator: cannot occur in a conversation id (letters, digits and {@code . _ : -}). */
    private static final char SEPARATOR = '\u001f';

    public static String of(String userId, String conversationId) {
        return conversationId + SEPARATOR + userId;
    }

    /** The prefix every user's key for this conversation id starts with. */
    public static String prefix(String conversationId) {
        return conversationId + SEPARATOR;
    }

    private ConversationKey() {}
}
