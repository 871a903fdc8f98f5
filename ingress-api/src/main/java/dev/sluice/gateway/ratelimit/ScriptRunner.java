package dev.sluice.gateway.ratelimit;

import dev.sluice.schemas.metrics.MeterNames;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RateLimiter}'s Redis side: the connection, made in the background so a gateway
 * starts (and fails open or closed) while Redis is down, and the Lua scripts, run by their SHA-1
 * and loaded with EVAL where Redis does not know them yet. A script that cannot run (no
 * connection, a timeout, any other Redis failure) returns null; the failure is counted and
 * logged at most once per {@link #LOG_EVERY_MS}.
 */
final class ScriptRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScriptRunner.class);
    private static final long LOG_EVERY_MS = 10_000;

    private final RedisClient client;
    private final RateLimitSettings.FailureMode onFailure;
    private final Counter redisErrors;
    private final AtomicLong lastLogMs = new AtomicLong();
    private volatile @Nullable StatefulRedisConnection<String, String> connection;
    private volatile boolean closed;
    private @Nullable Thread connector;

    /** @param onFailure what the limiter does when Redis fails, named in the log lines */
    ScriptRunner(RedisClient client, RateLimitSettings.FailureMode onFailure, MeterRegistry meters) {
        this.client = client;
        this.onFailure = onFailure;
        this.redisErrors = Counter.builder(MeterNames.RATELIMIT_REDIS_ERRORS)
                .description("Rate-limit decisions Redis could not make (timeouts, disconnects)")
                .register(meters);
    }

    /** Connects in the background, retrying every second until connected or closed. */
    void start() {
        connector = Thread.ofPlatform()
                .name("sluice-ratelimit-connect")
                .daemon()
                .start(() -> {
                    while (!closed && connection == null) {
                        try {
                            connection = client.connect();
                            log.info("rate limiter connected to Redis");
                        } catch (RedisException e) {
                            logRateLimited("rate limiter cannot reach Redis yet: {}", e);
                            sleep(1000);
                        }
                    }
                });
    }

    /** Runs {@code script} ({@code sha} is its {@link #sha1}); up to {@code attempts} tries when Redis times out. */
    @SuppressWarnings("unchecked")
    <T> @Nullable T eval(String script, String sha, ScriptOutputType type, String[] keys, String[] args, int attempts) {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            redisErrors.increment();
            logRateLimited("rate limit not checked: Redis is not connected", null);
            return null;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                try {
                    return (T) c.sync().evalsha(sha, type, keys, args);
                } catch (RedisNoScriptException e) {
                    // First use on this Redis (or after a restart/flush): EVAL loads the script.
                    return (T) c.sync().eval(script, type, keys, args);
                }
            } catch (RedisCommandTimeoutException e) {
                redisErrors.increment();
                if (attempt >= attempts) {
                    logRateLimited("rate limit not checked, Redis timed out: {}", e);
                    return null;
                }
            } catch (RedisException e) {
                redisErrors.increment();
                logRateLimited("rate limit not checked, Redis failed: {}", e);
                return null;
            }
        }
    }

    static String sha1(String script) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void logRateLimited(String message, @Nullable Exception e) {
        long now = System.currentTimeMillis();
        long last = lastLogMs.get();
        if (now - last >= LOG_EVERY_MS && lastLogMs.compareAndSet(last, now)) {
            log.warn(
                    message + " (on-redis-failure=" + onFailure.name().toLowerCase() + "; logged at most every 10 s)",
                    e == null ? "" : e.toString());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (connector != null) connector.interrupt();
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) c.close();
    }
}
