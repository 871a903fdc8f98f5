package dev.sluice.schemas.event;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sampling parameters of one request. Null means "the engine's default"; temperature 0 means
 * greedy. A request is deterministic (and so cacheable) when temperature is 0 or a seed is set.
 */
public record Sampling(
        @Nullable Double temperature,
        @Nullable Double topP,
        int maxTokens,
        List<String> stop,
        @Nullable Long seed) {

    public Sampling {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public boolean deterministic() {
        return (temperature != null && temperature == 0.0) || seed != null;
    }
}
