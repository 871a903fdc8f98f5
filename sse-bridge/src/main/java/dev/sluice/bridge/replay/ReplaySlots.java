package dev.sluice.bridge.replay;

import dev.sluice.bridge.ReplayRefusedException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A pool of replay resources shared by every user of a gateway: a user may hold at most its
 * share at once (more is refused at once: slow down, 429), and a taker waits at most
 * {@code wait} for a free one (then refused: the gateway is busy, 503). Kept apart from the
 * Kafka consumers it pools so both refusals are tested without a broker.
 *
 * @param <T> what is pooled
 */
final class ReplaySlots<T> {
    private final BlockingQueue<T> free;
    private final UserShares shares;
    private final Duration wait;

    ReplaySlots(Collection<T> items, Duration wait, int perUser) {
        if (items.isEmpty()) throw new IllegalArgumentException("a replay pool needs at least one slot");
        this.free = new ArrayBlockingQueue<>(items.size(), false, items);
        this.shares = new UserShares(perUser);
        this.wait = wait;
    }

    /**
     * Takes a free item for {@code user}; give it back with {@link #release}.
     *
     * @throws ReplayRefusedException when {@code user} already holds its share, or nothing came free within the wait
     */
    T acquire(String user) throws InterruptedException {
        if (!shares.tryEnter(user)) {
            throw new ReplayRefusedException(
                    true,
                    shares.perUser(),
                    "this user already has " + shares.perUser() + " replays running on this gateway");
        }
        boolean taken = false;
        try {
            T item = free.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                throw new ReplayRefusedException(
                        false, shares.perUser(), "no replay consumer came free within " + wait);
            }
            taken = true;
            return item;
        } finally {
            if (!taken) shares.leave(user);
        }
    }

    /** Gives back what {@link #acquire} handed {@code user}. */
    void release(String user, T item) {
        free.add(item);
        shares.leave(user);
    }

    int held(String user) {
        return shares.held(user);
    }

    int free() {
        return free.size();
    }
}
