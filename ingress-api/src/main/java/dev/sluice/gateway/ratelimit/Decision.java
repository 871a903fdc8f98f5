package dev.sluice.gateway.ratelimit;

import org.jspecify.annotations.Nullable;

/**
 * One rate-limit answer.
 *
 * @param known        false when Redis could not be asked (fail-open): no headers then
 * @param resetSeconds seconds until the oldest request in the window leaves it
 * @param retryAfterSeconds when refused: seconds until a request would be admitted
 * @param refusedFor   null when admitted, else {@code requests} or {@code tokens}
 */
public record Decision(
        boolean admitted,
        boolean known,
        int limit,
        int remaining,
        long resetSeconds,
        long retryAfterSeconds,
        @Nullable String refusedFor) {

    static Decision unknown() {
        return new Decision(true, false, 0, 0, 0, 0, null);
    }
}
