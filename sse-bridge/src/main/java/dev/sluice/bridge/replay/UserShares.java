package dev.sluice.bridge.replay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many slots of a shared pool each user holds, with a cap per user. Entering and leaving are
 * atomic per user, and a user holding nothing takes no memory (one entry per active user only).
 */
final class UserShares {
    private final int perUser;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    UserShares(int perUser) {
        if (perUser < 1) throw new IllegalArgumentException("a per-user share must be at least 1");
        this.perUser = perUser;
    }

    /** Takes one slot for {@code user}; false (nothing taken) when it already holds its share. */
    boolean tryEnter(String user) {
        boolean[] admitted = {false};
        held.compute(user, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perUser) return n;
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    /** Gives back one slot taken by {@link #tryEnter}. */
    void leave(String user) {
        held.computeIfPresent(user, (k, n) -> n <= 1 ? null : n - 1);
    }

    int held(String user) {
        return held.getOrDefault(user, 0);
    }

    int perUser() {
        return perUser;
    }

    /** Users holding at least one slot. */
    int activeUsers() {
        return held.size();
    }
}
