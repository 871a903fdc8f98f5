package dev.sluice.bench.mock;

import java.time.Duration;

/**
 * How the mock model behaves: it answers every request with {@code tokens} tokens (fewer when
 * the request's {@code max_tokens} says so), the first {@code ttft} after the request arrived and
 * the others {@code interTokenDelay} apart, like a real server under no load.
 */
public record MockSettings(String model, Duration ttft, Duration interTokenDelay, int tokens) {

    public MockSettings {
        if (tokens < 1) throw new IllegalArgumentException("tokens must be at least 1, was " + tokens);
        if (ttft.isNegative() || interTokenDelay.isNegative())
            throw new IllegalArgumentException("delays must not be negative");
    }
}
