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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what was derived from an erased conversation: its cached answers in Redis (found
 * through the per-conversation index) and, through a {@code ConversationErased} event on
 * {@code chat.erasures}, the topology's context state. Idempotent, because the CDC stream may
 * deliver the same delete twice after a restart.
 */
public final class ErasurePropagator {
    private static final Logger log = LoggerFactory.getLogger(ErasurePropagator.class);

    private final StatefulRedisConnection<String, String> redis;
    private final Producer<String, ConversationErased> producer;
    private final Duration cacheTtl;
    private final Counter erasures;

    public ErasurePropagator(StatefulRedisConnection<String, String> redis, Producer<String, ConversationErased> producer,
                             Duration cacheTtl, MeterRegistry registry) {
        this.redis = redis;
        this.producer = producer;
        this.cacheTtl = cacheTtl;
        this.erasures = Counter.builder(MeterNames.PERSISTENCE_ERASURES)
                .description("Erased conversations whose derived data was removed").register(registry);
    }

    /** Blocks until Redis is clean and the event is acknowledged; throws if either failed. */
    public void propagate(String conversationId, String userId, long erasedAtMs) throws Exception {
        RedisCommands<String, String> sync = redis.sync();
        // The marker first: a completion still in flight checks it before caching its answer.
        sync.set(ResponseStoreKeys.erased(conversationId), Long.toString(erasedAtMs), SetArgs.Builder.ex(Math.max(1, cacheTtl.toSeconds())));
        String index = ResponseStoreKeys.conversationIndex(conversationId);
        Set<String> cacheKeys = sync.smembers(index);
        List<String> doomed = new ArrayList<>(cacheKeys.size() + 1);
        for (String key : cacheKeys) doomed.add(ResponseStoreKeys.response(key));
        doomed.add(index);
        sync.del(doomed.toArray(String[]::new));

        producer.send(new ProducerRecord<>(Topics.CHAT_ERASURES.name(), conversationId,
                new ConversationErased(conversationId, userId, erasedAtMs))).get(60, TimeUnit.SECONDS);
        erasures.increment();
        log.info("conversation {} of user {} erased: {} cached answers removed, {} published",
                conversationId, userId, cacheKeys.size(), Topics.CHAT_ERASURES.name());
    }
}
