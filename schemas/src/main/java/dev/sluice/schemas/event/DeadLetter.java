package dev.sluice.schemas.event;

import org.jspecify.annotations.Nullable;

/** Value of {@code chat.deadletter}: a record no consumer could process, with where it came from. */
public record DeadLetter(
        String topic,
        int partition,
        long offset,
        String key,
        @Nullable String value,
        String reason,
        String consumer,
        long tsMs) {}
