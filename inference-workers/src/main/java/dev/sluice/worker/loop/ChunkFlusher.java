package dev.sluice.worker.loop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per worker that sends the buffered text of every coalescing stream once per window.
 * All streams that buffered during a window go out in the same pass, back to back, so one
 * window's tokens for every running sequence reach the producer together and share its batches
 * (one produce request per partition instead of one per token); the window bounds the delay any
 * buffered token sees.
 */
final class ChunkFlusher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChunkFlusher.class);

    private final long windowNanos;
    private final boolean coalescing;
    private final ConcurrentLinkedQueue<ChunkCoalescer> dirty = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Set while the thread parks with nothing to flush; the next {@link #enqueue} wakes it. */
    private volatile boolean idle;

    ChunkFlusher(Duration window, String name) {
        this(window, name, true);
    }

    /** @param coalescing false: every piece is its own event, sent at once (for debugging, and toy models in UI tests) */
    ChunkFlusher(Duration window, String name, boolean coalescing) {
        if (window.isNegative())
            throw new IllegalArgumentException("the coalescing window cannot be negative: " + window);
        this.windowNanos = window.toNanos();
        this.coalescing = coalescing;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    long windowNanos() {
        return windowNanos;
    }

    boolean coalescing() {
        return coalescing;
    }

    /** The flusher thread's state (tests: {@code WAITING} when it sleeps with nothing to flush). */
    Thread.State threadState() {
        return thread.getState();
    }

    void enqueue(ChunkCoalescer stream) {
        dirty.add(stream);
        if (idle) {
            idle = false;
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        List<ChunkCoalescer> again = new ArrayList<>();
        // A zero window still ticks (every 1 ms) so text buffered behind an in-flight produce leaves soon after its
        // ack.
        long tick = Math.max(windowNanos, 1_000_000L);
        while (running) {
            if (dirty.isEmpty()) {
                // Nothing buffered: sleep until a stream buffers text instead of ticking (50 wake-ups a second
                // per idle worker at the default window). The flag is set before the second look, so text
                // enqueued in between is either seen here or wakes the park.
                idle = true;
                if (dirty.isEmpty() && running) LockSupport.park(this);
                idle = false;
                continue;
            }
            LockSupport.parkNanos(tick); // a window's worth of tokens, then one pass for every stream
            try {
                ChunkCoalescer c;
                while ((c = dirty.poll()) != null) {
                    if (c.flush()) again.add(c);
                }
                dirty.addAll(again);
                again.clear();
            } catch (RuntimeException e) {
                // A send can throw (a closed producer on shutdown); the next tick tries the rest.
                log.warn("chunk flush failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
