package dev.sluice.bench.mock;

import java.time.Duration;

/**
 * How the mock model behaves: it answers every request with {@code tokens} tokens (fewer when
 * the request's {@code max_tokens} says so), the first {@code ttft} after the request arrived and
 * the others {@code interTokenDelay} apart, like a real server under no load. {@code varied}: every
 * answer carries the number its request ends with ({@link MockCompletions#token(int, long)}), so no
 * two answers are alike, as real ones are not (the guard's harm heads cache the windows they read).
 */
public record MockSettings(String model, Duration ttft, Duration interTokenDelay, int tokens, boolean varied) {

    public MockSettings(String model, Duration ttft, Duration interTokenDelay, int tokens) {
        this(model, ttft, interTokenDelay, tokens, false);
    }

    public MockSettings {
        if (tokens < 1) throw new IllegalArgumentException("tokens must be at least 1, was " + tokens);
        if (ttft.isNegative() || interTokenDelay.isNegative())
            throw new IllegalArgumentException("delays must not be negative");
    }
}
