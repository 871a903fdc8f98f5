package dev.sluice.persistence.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.persistence.testing.Completions;
import dev.sluice.persistence.testing.EmbeddedRedisServer;
import dev.sluice.schemas.cache.ResponseStoreKeys;
import dev.sluice.schemas.event.CompletionRecorded;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisResponseStoreTest {
    private static EmbeddedRedisServer redisServer;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redisServer = EmbeddedRedisServer.start();
        connection = redisServer.client().connect();
        redis = connection.sync();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (connection != null) connection.close();
        if (redisServer != null) redisServer.close();
    }

    private static RedisResponseStore store(Duration ttl) {
        return new RedisResponseStore(connection, ttl, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    private static CompletionRecorded answer(
            String conversation, String cacheKey, String content, String finishReason) {
        CompletionRecorded c = Completions.turn(conversation, "alice", 0, System.currentTimeMillis() - 1_000, cacheKey);
        return new CompletionRecorded(
                c.correlationId(),
                c.conversationId(),
                c.userId(),
                c.model(),
                c.userMessage(),
                content,
                c.usage(),
                finishReason,
                c.cached(),
                c.cacheKey(),
                c.timings());
    }

    @Test
    void storesAFinishedAnswerOnceUnderItsCacheKeyWithTheTtlAndIndexesItByConversation() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        String key = "k-" + UUID.randomUUID();

        store(Duration.ofHours(1)).write(List.of(answer(conversation, key, "first answer", "stop")));
        store(Duration.ofHours(1)).write(List.of(answer(conversation, key, "second answer", "stop")));

        assertThat(redis.get("sluice:cache:" + key))
                .isEqualTo("{\"content\":\"first answer\",\"usage\":{\"promptTokens\":10,\"completionTokens\":20},"
                        + "\"model\":\"test-model\",\"finishReason\":\"stop\"}");
        assertThat(redis.ttl("sluice:cache:" + key)).isBetween(3590L, 3600L);
        assertThat(redis.smembers("sluice:conv-cache:" + conversation)).containsExactly(key);
        assertThat(redis.ttl("sluice:conv-cache:" + conversation)).isBetween(3590L, 3600L);
    }

    @Test
    void usesTheConfiguredTtl() throws Exception {
        String key = "k-" + UUID.randomUUID();
        store(Duration.ofMinutes(5)).write(List.of(answer("conv-" + UUID.randomUUID(), key, "answer", "stop")));
        assertThat(redis.ttl("sluice:cache:" + key)).isBetween(290L, 300L);
    }

    @Test
    void leavesOutTruncatedAnswersAnswersWithoutAKeyAndAnswersOlderThanTheTtl() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        String truncated = "k-" + UUID.randomUUID();
        String stale = "k-" + UUID.randomUUID();
        CompletionRecorded old = answer(conversation, stale, "old", "stop");
        long longAgo = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
        old = new CompletionRecorded(
                old.correlationId(),
                old.conversationId(),
                old.userId(),
                old.model(),
                old.userMessage(),
                old.content(),
                old.usage(),
                old.finishReason(),
                old.cached(),
                old.cacheKey(),
                new dev.sluice.schemas.event.Timings(longAgo, longAgo, longAgo, longAgo, longAgo + 10, 1.0));

        store(Duration.ofHours(1))
                .write(List.of(
                        answer(conversation, truncated, "cut off", "length"),
                        answer(conversation, "", "no key", "stop"),
                        old));

        assertThat(redis.exists("sluice:cache:" + truncated, "sluice:cache:" + stale))
                .isZero();
        assertThat(redis.exists("sluice:conv-cache:" + conversation)).isZero();
    }

    @Test
    void doesNotCacheAnAnswerOfAConversationErasedMeanwhile() throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        String key = "k-" + UUID.randomUUID();
        redis.setex(ResponseStoreKeys.erased(conversation), 60, "1");

        store(Duration.ofHours(1)).write(List.of(answer(conversation, key, "late answer", "stop")));

        assertThat(redis.exists("sluice:cache:" + key, "sluice:conv-cache:" + conversation))
                .isZero();
    }
}
