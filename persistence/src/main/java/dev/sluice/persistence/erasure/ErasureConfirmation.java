package dev.sluice.persistence.erasure;

import dev.sluice.schemas.serde.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit stream's record that an erasure reached every store, next to the CDC delete events of
 * its rows (same topic, keyed by the conversation id). Times are epoch ms:
 * <ul>
 *   <li>{@code erased_at_ms}: PostgreSQL committed the delete of the rows and of the data key (one
 *       transaction): from here every sealed copy on every topic, replica and backup is unreadable;</li>
 *   <li>{@code redis_cleared_at_ms}: the cached answers and their index are deleted;</li>
 *   <li>{@code erasure_published_at_ms}: {@code chat.erasures} acknowledged the event that drops the
 *       topology's context and vault and every role's cached key;</li>
 *   <li>{@code confirmed_at_ms}: all of the above, recorded.</li>
 * </ul>
 */
public final class ErasureConfirmation {
    public static final String TYPE = "erasure_confirmed";

    static String json(
            String conversationId, String userId, long erasedAtMs, long redisClearedAtMs, long publishedAtMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", TYPE);
        m.put("conversation_id", conversationId);
        m.put("user_id", userId);
        m.put("erased_at_ms", erasedAtMs);
        m.put("keys_destroyed_at_ms", erasedAtMs);
        m.put("redis_cleared_at_ms", redisClearedAtMs);
        m.put("erasure_published_at_ms", publishedAtMs);
        m.put("confirmed_at_ms", System.currentTimeMillis());
        return Json.MAPPER.writeValueAsString(m);
    }

    private ErasureConfirmation() {}
}
