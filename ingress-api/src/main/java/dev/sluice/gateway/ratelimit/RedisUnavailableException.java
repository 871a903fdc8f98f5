package dev.sluice.gateway.ratelimit;

/** Redis could not decide and the limiter fails closed. */
public final class RedisUnavailableException extends RuntimeException {
    RedisUnavailableException() {
        super("rate limiter unavailable", null, false, false);
    }
}
