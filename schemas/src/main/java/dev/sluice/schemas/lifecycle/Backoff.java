package dev.sluice.schemas.lifecycle;

import java.time.Duration;

/**
 * The exponential backoff every retry loop in Sluice uses: the first wait is {@code initial},
 * each later one doubles, up to {@code max}; {@link #reset()} after a success starts over. One
 * instance per loop, used from that loop's thread only.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The wait to take now; the next call returns twice as much, at most {@code max}. */
    public Duration next() {
        Duration now = next;
        next = now.compareTo(max.dividedBy(2)) > 0 ? max : now.multipliedBy(2);
        return now;
    }

    /** After a success: the next wait is {@code initial} again. */
    public void reset() {
        next = initial;
    }

    /** {@link #next()}, slept on this thread. */
    public void sleep() throws InterruptedException {
        Thread.sleep(next());
    }
}
