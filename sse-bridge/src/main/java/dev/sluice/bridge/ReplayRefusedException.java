package dev.sluice.bridge;

import java.time.Duration;

/**
 * A replay was not started: the user already holds its share of the replay consumers
 * ({@link #userShare()}: the client should slow down, 429), or none came free in time (the
 * gateway is busy, 503). Either way the client may retry after {@link #retryAfter()}.
 */
public final class ReplayRefusedException extends RuntimeException {
    private final boolean userShare;
    private final int limit;

    public ReplayRefusedException(boolean userShare, int limit, String message) {
        super(message, null, false, false);
        this.userShare = userShare;
        this.limit = limit;
    }

    public boolean userShare() {
        return userShare;
    }

    /** The per-user share, for the message. */
    public int limit() {
        return limit;
    }

    public Duration retryAfter() {
        return Duration.ofSeconds(1);
    }
}
