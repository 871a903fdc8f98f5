/**
 * The Redis response store's contract: persistence writes it ({@code RedisResponseStore}), the
 * topology reads it ({@code RedisResponseCache}), erasure deletes from it. One copy of the key
 * layout ({@link dev.sluice.schemas.cache.ResponseStoreKeys}) and the value.
 *
 * <h2>Keys and values </h2>
 * <ul>
 *   <li>{@code sluice:cache:<cacheKey>} — a string holding JSON
 *       {@code {"content":"…","usage":{"promptTokens":12,"completionTokens":34},"model":"…","finishReason":"stop"}}
 *       ({@link dev.sluice.schemas.cache.CachedResponse} written with {@code Json.MAPPER}).
 *       Written once with {@code SET NX EX}: the first answer for a key wins and is never
 *       refreshed, so a cached answer expires {@code sluice.cache.ttl} (default 1 h) after it
 *       was first produced. Only completions with a non-empty cache key and finish reason
 *       {@code stop} are stored; a truncated ({@code length}) answer is not worth serving again.</li>
 *   <li>{@code sluice:conv-cache:<conversationId>} — a set of the cache keys (without prefix)
 *       written for that conversation, same TTL, refreshed on each write. Erasure reads it to
 *       delete the conversation's answers.</li>
 *   <li>{@code sluice:erased:<conversationId>} — present for one TTL after an erasure, so a
 *       completion still in flight cannot put the erased conversation's answer back.</li>
 * </ul>
 */
@NullMarked
package dev.sluice.schemas.cache;

import org.jspecify.annotations.NullMarked;
