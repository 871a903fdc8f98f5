package dev.sluice.persistence.erasure;

import dev.sluice.schemas.cache.ResponseStoreKeys;
import dev.sluice.schemas.event.ConversationErased;
import dev.sluice.schemas.metrics.MeterNames;
import dev.sluice.schemas.topic.Topics;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what was derived from an erased conversation: its cached answers in Redis (found
 * through the per-conversation index) and, through a {@code ConversationErased} event on
 * {@code chat.erasures}, the topology's context state and every role's cached data key. Once
 * both are done it records the confirmation on the audit stream ({@link ErasureConfirmation}).
 * Idempotent, because the CDC stream may
 * deliver the same delete twice after a restart.
 */
public final class ErasurePropagator {
    private static final Logger log = LoggerFactory.getLogger(ErasurePropagator.class);

    private final StatefulRedisConnection<String, String> redis;
    private final Producer<String, ConversationErased> producer;
    private final Duration cacheTtl;
    private final Counter erasures;
    private final Timer confirmation;
    private final @Nullable Producer<String, String> audit;

    public ErasurePropagator(
            StatefulRedisConnection<String, String> redis,
            Producer<String, ConversationErased> producer,
            Duration cacheTtl,
            MeterRegistry registry) {
        this(redis, producer, null, cacheTtl, registry);
    }

    /** @param audit where the confirmation of each erasure is recorded ({@code sluice.audit}); null: nowhere */
    public ErasurePropagator(
            StatefulRedisConnection<String, String> redis,
            Producer<String, ConversationErased> producer,
            @Nullable Producer<String, String> audit,
            Duration cacheTtl,
            MeterRegistry registry) {
        this.redis = redis;
        this.producer = producer;
        this.audit = audit;
        this.cacheTtl = cacheTtl;
        this.erasures = Counter.builder(MeterNames.PERSISTENCE_ERASURES)
                .description("Erased conversations whose derived data was removed")
                .register(registry);
        this.confirmation = Timer.builder(MeterNames.ERASURE_CONFIRMATION)
                .description("From an erasure's commit (rows and data key) to every store confirming it")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Blocks until Redis is clean and the event is acknowledged; throws if either failed. */
    public void propagate(String conversationId, String userId, long erasedAtMs) throws Exception {
        RedisCommands<String, String> sync = redis.sync();
        // The marker first: a completion still in flight checks it before caching its answer.
        sync.set(
                ResponseStoreKeys.erased(conversationId),
                Long.toString(erasedAtMs),
                SetArgs.Builder.ex(Math.max(1, cacheTtl.toSeconds())));
        String index = ResponseStoreKeys.conversationIndex(conversationId);
        Set<String> cacheKeys = sync.smembers(index);
        List<String> doomed = new ArrayList<>(cacheKeys.size() + 1);
        for (String key : cacheKeys) doomed.add(ResponseStoreKeys.response(key));
        doomed.add(index);
        sync.del(doomed.toArray(String[]::new));
        long redisClearedAt = System.currentTimeMillis();

        producer.send(new ProducerRecord<>(
                        Topics.CHAT_ERASURES.name(),
                        conversationId,
                        new ConversationErased(conversationId, userId, erasedAtMs)))
                .get(60, TimeUnit.SECONDS);
        long publishedAt = System.currentTimeMillis();
        if (audit != null) {
            audit.send(new ProducerRecord<>(
                            Topics.AUDIT.name(),
                            conversationId,
                            ErasureConfirmation.json(conversationId, userId, erasedAtMs, redisClearedAt, publishedAt)))
                    .get(60, TimeUnit.SECONDS);
        }
        confirmation.record(Math.max(0, System.currentTimeMillis() - erasedAtMs), TimeUnit.MILLISECONDS);
        erasures.increment();
        log.info(
                "conversation {} of user {} erased: {} cached answers removed, {} published",
                conversationId,
                userId,
                cacheKeys.size(),
                Topics.CHAT_ERASURES.name());
    }
}
