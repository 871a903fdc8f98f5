package dev.sluice.bridge.sse;

/** How one connection's stream ended. */
public enum Outcome {
    /** The terminal event was written: the response is complete for this client. */
    FINISHED,
    /** A write failed: the client went away mid-response. */
    CLIENT_GONE,
    /** The client read too slowly and was told to resume. */
    SLOW_CONSUMER,
    /** No event came for the idle timeout. */
    IDLE_TIMEOUT;

    /** Whether the response may still be running without anyone reading it. */
    public boolean leftResponseUnread() {
        return this != FINISHED;
    }
}
