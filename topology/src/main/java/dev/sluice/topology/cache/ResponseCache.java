package dev.sluice.topology.cache;

import dev.sluice.schemas.cache.CachedResponse;
import java.util.Optional;

/** Looks up a final answer by cache key in the store persistence writes ({@link dev.sluice.schemas.cache}). Any trouble is a miss: the cache never fails a request. */
public interface ResponseCache {

    Optional<CachedResponse> lookup(String cacheKey);

    /** No cache (the default when the topology runs without Redis). */
    ResponseCache NONE = key -> Optional.empty();
}
