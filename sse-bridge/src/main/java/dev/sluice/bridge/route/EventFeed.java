package dev.sluice.bridge.route;

import dev.sluice.schemas.event.StreamEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one connection writes: the replayed events first, then the live subscription, with one
 * rule over both: a sequence at or below the last one handed out is dropped. The live
 * subscription is opened before history is read, so the two overlap rather than leave a hole;
 * this is where the overlap (and any repeat from a worker takeover) disappears.
 */
public final class EventFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

    private final Subscription live;
    private final Deque<StreamEvent> history;
    private long lastSeq;

    public EventFeed(Subscription live, List<StreamEvent> history, long afterSeq) {
        this.live = live;
        this.history = new ArrayDeque<>(history);
        this.lastSeq = afterSeq;
    }

    public static EventFeed live(Subscription live) {
        return new EventFeed(live, List.of(), 0);
    }

    public String correlationId() {
        return live.correlationId();
    }

    /** The next new event, or null when none came within the timeout or the live side overflowed. */
    public @Nullable StreamEvent next(Duration timeout) throws InterruptedException {
        StreamEvent e;
        while ((e = history.poll()) != null) {
            if (accept(e)) return e;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            e = live.poll(Duration.ofNanos(Math.max(0, left)));
            if (e == null) return null;
            if (accept(e)) return e;
            if (left <= 0) return null;
        }
    }

    private boolean accept(StreamEvent e) {
        if (e.seq() <= lastSeq) return false;
        if (e.seq() > lastSeq + 1) {
            // Kafka lost nothing, so this means replay started too late; say so loudly.
            log.warn("stream {} jumped from seq {} to {}", e.correlationId(), lastSeq, e.seq());
        }
        lastSeq = e.seq();
        return true;
    }

    public long lastSeq() {
        return lastSeq;
    }

    /** True once the client fell too far behind; it must resume from its last event id. */
    public boolean overflowed() {
        return history.isEmpty() && live.overflowed();
    }

    @Override
    public void close() {
        live.close();
    }
}
