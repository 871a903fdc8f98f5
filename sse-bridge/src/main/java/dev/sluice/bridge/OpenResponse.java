package dev.sluice.bridge;

import dev.sluice.bridge.route.EventFeed;
import dev.sluice.schemas.event.StreamEvent;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One response's events as the gateway holds them between accepting a request and handing it to
 * {@link StreamBridge#stream} or {@link StreamBridge#collect}: in order, without repeats. The
 * gateway may look at the first event first ({@link #awaitDecision}) to answer a blocked prompt
 * with a 4xx before any header goes out; that event is then written first, not lost.
 */
public final class OpenResponse implements AutoCloseable {
    private final EventFeed feed;
    private final Duration decisionTimeout;
    private @Nullable StreamEvent decision;

    OpenResponse(EventFeed feed, Duration decisionTimeout) {
        this.feed = feed;
        this.decisionTimeout = decisionTimeout;
    }

    public String correlationId() {
        return feed.correlationId();
    }

    /**
     * Waits up to {@code sluice.bridge.decision-timeout} for the response's first event and keeps it
     * to be written first; null when none came in time (the stream then starts without it).
     */
    public @Nullable StreamEvent awaitDecision() throws InterruptedException {
        if (decision == null) decision = feed.next(decisionTimeout);
        return decision;
    }

    EventFeed feed() {
        return feed;
    }

    /** The event {@link #awaitDecision} took, handed over once. */
    @Nullable
    StreamEvent takeDecision() {
        StreamEvent first = decision;
        decision = null;
        return first;
    }

    @Override
    public void close() {
        feed.close();
    }
}
