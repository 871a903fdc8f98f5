package dev.sluice.topology.cache;

import dev.sluice.schemas.event.Usage;
import java.util.Optional;

/** Looks up a final answer by cache key. Any trouble is a miss: the cache never fails a request. */
public interface ResponseCache {

    record CachedAnswer(String content, Usage usage, String model, String finishReason) {
    }

    Optional<CachedAnswer> lookup(String cacheKey);

    /** No cache (the default when the topology runs without Redis). */
    ResponseCache NONE = key -> Optional.empty();
}
