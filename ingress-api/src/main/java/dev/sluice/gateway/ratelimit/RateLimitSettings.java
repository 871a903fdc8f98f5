package dev.sluice.gateway.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-user limits of the gateway ({@code sluice.ratelimit.*}, env {@code SLUICE_RATELIMIT_*}), kept in Redis.
 *
 * @param enabled           false switches the limiter off entirely
 * @param window            the sliding window of {@code requestsPerWindow} and {@code readsPerWindow} (a log of start
 *                          times, not fixed buckets: no double burst at a boundary)
 * @param requestsPerWindow chat completions one user may start per sliding {@code window}
 * @param readsPerWindow    every other authenticated /v1 call (models, history, resume, cancel,
 *                          delete) one user may make per {@code window}: a separate, larger bucket,
 *                          since these cost no generation but still cost a database or Kafka read
 * @param tokensPerMinute   tokens one user may spend per minute; a chat reserves its {@code max_tokens}
 *                          (or the default) at admission and settles to its real usage (prompt +
 *                          completion, as the engine counted them) when it completes; 0 switches the budget off
 * @param onRedisFailure    {@code open}: admit while Redis cannot be reached; {@code closed}: 503
 */
@ConfigurationProperties("sluice.ratelimit")
public record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") int requestsPerWindow,
        @DefaultValue("1h") Duration window,
        @DefaultValue("20000") long tokensPerMinute,
        @DefaultValue("open") FailureMode onRedisFailure,
        @DefaultValue("2000") int readsPerWindow) {

    public enum FailureMode {
        OPEN,
        CLOSED
    }

    public RateLimitSettings {
        if (requestsPerWindow < 1)
            throw new IllegalArgumentException("sluice.ratelimit.requests-per-window must be at least 1");
        if (readsPerWindow < 1)
            throw new IllegalArgumentException("sluice.ratelimit.reads-per-window must be at least 1");
        if (window.toMillis() < 1000) throw new IllegalArgumentException("sluice.ratelimit.window must be at least 1s");
        if (tokensPerMinute < 0)
            throw new IllegalArgumentException("sluice.ratelimit.tokens-per-minute must be 0 (off) or more");
    }
}
