package dev.sluice.persistence.cache;

import dev.sluice.persistence.sink.CompletionWriter;
import dev.sluice.schemas.cache.CachedResponse;
import dev.sluice.schemas.cache.ResponseStoreKeys;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.metrics.MeterNames;
import dev.sluice.schemas.serde.Json;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stores each cacheable final answer under its cache key for the topology's lookup (key and
 * value format in the package documentation). Runs behind its own {@code CompletionSink} and
 * consumer group, so a PostgreSQL outage never delays the cache and a Redis outage never
 * delays the history.
 *
 * <p>All commands of a batch go out pipelined on one connection and are awaited together.
 */
public final class RedisResponseStore implements CompletionWriter {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final StatefulRedisConnection<String, String> connection;
    private final Duration ttl;
    private final Clock clock;
    private final Counter stored;
    private final Counter alreadyCached;
    private final Counter skipped;

    public RedisResponseStore(
            StatefulRedisConnection<String, String> connection, Duration ttl, Clock clock, MeterRegistry registry) {
        this.connection = connection;
        this.ttl = ttl;
        this.clock = clock;
        this.stored = counter(registry, "stored");
        this.alreadyCached = counter(registry, "exists");
        this.skipped = counter(registry, "skipped");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder(MeterNames.PERSISTENCE_CACHE_WRITES)
                .tag("result", result)
                .description("Completions offered to the Redis response store")
                .register(registry);
    }

    /** Cacheable: a complete answer ("stop") to a request the topology gave a cache key. */
    public static boolean cacheable(CompletionRecorded c) {
        return c.cacheKey() != null && !c.cacheKey().isBlank() && "stop".equals(c.finishReason());
    }

    @Override
    public List<Rejected> write(List<CompletionRecorded> batch) throws Exception {
        long now = clock.millis();
        List<CompletionRecorded> candidates = new ArrayList<>();
        for (CompletionRecorded c : batch) {
            // An answer older than the TTL would be gone by now anyway; replaying an old topic
            // must not bring stale answers back to life.
            if (cacheable(c) && now - c.timings().completedAtMs() < ttl.toMillis()) candidates.add(c);
            else skipped.increment();
        }
        if (candidates.isEmpty()) return List.of();

        RedisAsyncCommands<String, String> redis = connection.async();
        List<RedisFuture<Long>> erased = new ArrayList<>(candidates.size());
        for (CompletionRecorded c : candidates) erased.add(redis.exists(ResponseStoreKeys.erased(c.conversationId())));
        await(erased);

        long ttlSeconds = Math.max(1, ttl.toSeconds());
        List<RedisFuture<String>> sets = new ArrayList<>();
        List<RedisFuture<?>> others = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            CompletionRecorded c = candidates.get(i);
            if (erased.get(i).get() > 0) {
                skipped.increment();
                sets.add(null);
                continue;
            }
            String value = Json.MAPPER.writeValueAsString(
                    new CachedResponse(c.content(), c.usage(), c.model(), c.finishReason()));
            sets.add(redis.set(
                    ResponseStoreKeys.response(c.cacheKey()),
                    value,
                    SetArgs.Builder.nx().ex(ttlSeconds)));
            String index = ResponseStoreKeys.conversationIndex(c.conversationId());
            others.add(redis.sadd(index, c.cacheKey()));
            others.add(redis.expire(index, ttlSeconds));
        }
        await(sets);
        await(others);
        for (RedisFuture<String> set : sets) {
            if (set == null) continue;
            if ("OK".equals(set.get())) stored.increment();
            else alreadyCached.increment();
        }
        return List.of();
    }

    private static void await(List<? extends RedisFuture<?>> futures) throws Exception {
        for (RedisFuture<?> f : futures) {
            if (f != null) f.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
