package dev.sluice.topology.cache;

import dev.sluice.schemas.cache.CachedResponse;
import dev.sluice.schemas.cache.ResponseStoreKeys;
import dev.sluice.schemas.metrics.MeterNames;
import dev.sluice.schemas.serde.Json;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the response store the persistence role writes ({@link ResponseStoreKeys#response}, JSON). The
 * call runs on the stream thread, so it has a tight timeout of its own; a slow or absent Redis
 * turns into misses (counted), never into a stalled topology or a failed request.
 */
public final class RedisResponseCache implements ResponseCache, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisResponseCache.class);

    private final RedisClient client;
    private final Duration timeout;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final Timer latency;
    private final RedisURI uri;
    private volatile @Nullable StatefulRedisConnection<String, String> connection;
    private java.util.concurrent.@Nullable CompletableFuture<StatefulRedisConnection<String, String>> pending;
    private long lastErrorLogMs;

    public RedisResponseCache(RedisClient client, RedisURI uri, Duration timeout, MeterRegistry meters) {
        this.client = client;
        this.uri = uri;
        this.timeout = timeout;
        this.hits = meters.counter(MeterNames.CACHE_REQUESTS, "result", "hit");
        this.misses = meters.counter(MeterNames.CACHE_REQUESTS, "result", "miss");
        this.errors = meters.counter(MeterNames.CACHE_REQUESTS, "result", "error");
        this.latency = Timer.builder(MeterNames.CACHE_LOOKUP)
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @Override
    public Optional<CachedResponse> lookup(String cacheKey) {
        long t0 = System.nanoTime();
        try {
            String json = connection()
                    .async()
                    .get(ResponseStoreKeys.response(cacheKey))
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (json == null) {
                misses.increment();
                return Optional.empty();
            }
            CachedResponse answer = Json.MAPPER.readValue(json, CachedResponse.class);
            hits.increment();
            return Optional.of(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.increment();
            return Optional.empty();
        } catch (Exception e) {
            errors.increment();
            long now = System.currentTimeMillis();
            if (now - lastErrorLogMs > 10_000) {
                lastErrorLogMs = now;
                log.warn("response cache unavailable, serving misses: {}", e.toString());
            }
            return Optional.empty();
        } finally {
            latency.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Connects in the background: a blocking connect to an absent Redis would hold the stream
     * thread for the whole connect timeout. Until connected, lookups are misses. Once
     * connected, lettuce reconnects by itself and rejects commands while disconnected.
     */
    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) return c;
        synchronized (this) {
            if (pending == null || pending.isCompletedExceptionally()) {
                pending = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
                pending.thenAccept(conn -> connection = conn);
            }
        }
        throw new IllegalStateException("not connected to Redis yet");
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) c.close();
    }
}
