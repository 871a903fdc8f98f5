package dev.sluice.schemas.cache;

import dev.sluice.schemas.event.Usage;

/** The value stored under {@code sluice:cache:<cacheKey>}, as JSON. */
public record CachedResponse(String content, Usage usage, String model, String finishReason) {}
