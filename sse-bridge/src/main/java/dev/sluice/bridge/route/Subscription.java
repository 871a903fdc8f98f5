package dev.sluice.bridge.route;

import dev.sluice.schemas.event.StreamEvent;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The live events of one response on their way to one connection.
 *
 * <p>The queue is bounded: a client too slow to keep up overflows it. The router never waits
 * for a connection, so one slow client cannot slow anyone else; instead the overflowing
 * subscription drops what it holds (the client resumes from its last event id, and Kafka still
 * has every event) and wakes its writer, which ends the stream with a {@code slow_consumer}
 * error. A linked queue is used because it allocates per event, not per capacity: ten thousand
 * idle streams cost almost nothing.
 *
 * <p>Events at or below the last sequence accepted are dropped, so a worker takeover that
 * repeats a sequence never shows repeated text.
 */
public final class Subscription implements AutoCloseable {
    /** Put in the queue after an overflow so a writer blocked in {@link #poll} wakes at once. */
    private static final StreamEvent OVERFLOW = StreamEvent.error("", Long.MAX_VALUE, "slow_consumer", "overflow");

    private final String correlationId;
    private final BlockingQueue<StreamEvent> queue;
    private final Runnable onClose;
    private volatile long lastAcceptedSeq;
    private volatile boolean overflowed;

    Subscription(String correlationId, int capacity, long afterSeq, Runnable onClose) {
        this.correlationId = correlationId;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.lastAcceptedSeq = afterSeq;
        this.onClose = onClose;
    }

    /** A subscription not attached to any router: for tests and for components fed by hand. */
    public static Subscription detached(String correlationId, int capacity) {
        return new Subscription(correlationId, capacity, 0, () -> {});
    }

    public String correlationId() {
        return correlationId;
    }

    /** Called by the router thread only; never blocks. */
    public void offer(StreamEvent event) {
        if (overflowed || event.seq() <= lastAcceptedSeq) return;
        if (queue.offer(event)) {
            lastAcceptedSeq = event.seq();
            return;
        }
        overflowed = true;
        queue.clear();
        queue.offer(OVERFLOW);
    }

    /**
     * The next event, or null when none came within the timeout or the subscription overflowed
     * (then {@link #overflowed()} is true and no further event will come).
     */
    public @Nullable StreamEvent poll(Duration timeout) throws InterruptedException {
        if (overflowed) return null;
        StreamEvent event = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return event == OVERFLOW ? null : event;
    }

    /** True once the client fell so far behind that events were refused; it must resume. */
    public boolean overflowed() {
        return overflowed;
    }

    public long lastAcceptedSeq() {
        return lastAcceptedSeq;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
