package dev.sluice.bridge;

import dev.sluice.schemas.event.StreamEvent;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The events of one response on their way to one connection. The queue is bounded: a client
 * too slow to keep up overflows it and is disconnected with a reason (it can resume from its
 * last event id), instead of growing memory or slowing the router for everyone else.
 * Events at or below the last sequence already accepted are dropped, so a worker takeover or a
 * replay never shows repeated text.
 */
public final class Subscription implements AutoCloseable {
    private final String correlationId;
    private final BlockingQueue<StreamEvent> queue;
    private final Runnable onClose;
    private volatile long lastAcceptedSeq;
    private volatile boolean overflowed;

    Subscription(String correlationId, int capacity, long afterSeq, Runnable onClose) {
        this.correlationId = correlationId;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.lastAcceptedSeq = afterSeq;
        this.onClose = onClose;
    }

    public String correlationId() {
        return correlationId;
    }

    /** Called by the router thread only. */
    void offer(StreamEvent event) {
        if (event.seq() <= lastAcceptedSeq || overflowed) return;
        if (queue.offer(event)) {
            lastAcceptedSeq = event.seq();
        } else {
            overflowed = true;
        }
    }

    /** The next event, or null when none came within the timeout. */
    public @Nullable StreamEvent poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** True once the client fell so far behind that events were refused; it must resume. */
    public boolean overflowed() {
        return overflowed && queue.isEmpty();
    }

    public long lastAcceptedSeq() {
        return lastAcceptedSeq;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
