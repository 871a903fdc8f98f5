package dev.sluice.gateway.streams;

import dev.sluice.gateway.api.ApiException;
import org.jspecify.annotations.Nullable;

/** Reads {@code Last-Event-ID}: the sequence of the last event the client has, -1 when it has none. */
final class LastEventId {
    static long parse(@Nullable String value) {
        if (value == null || value.isBlank()) return -1;
        try {
            long seq = Long.parseLong(value.trim());
            if (seq >= 0) return seq;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(
                "Last-Event-ID",
                "invalid_last_event_id",
                "Last-Event-ID must be the id of an event of this stream (a number from 0); got '" + value + "'.");
    }

    private LastEventId() {}
}
