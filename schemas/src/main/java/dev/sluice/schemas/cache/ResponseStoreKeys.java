package dev.sluice.schemas.cache;

/** The Redis key layout of the response store, written by persistence and read by the topology; see the package documentation. */
public final class ResponseStoreKeys {
    public static final String RESPONSE_PREFIX = "sluice:cache:";
    public static final String CONVERSATION_INDEX_PREFIX = "sluice:conv-cache:";
    public static final String ERASED_PREFIX = "sluice:erased:";

    public static String response(String cacheKey) {
        return RESPONSE_PREFIX + cacheKey;
    }

    public static String conversationIndex(String conversationId) {
        return CONVERSATION_INDEX_PREFIX + conversationId;
    }

    public static String erased(String conversationId) {
        return ERASED_PREFIX + conversationId;
    }

    private ResponseStoreKeys() {}
}
