package dev.sluice.worker.engine.openai;

import org.jspecify.annotations.Nullable;

/** What one try of a {@link RemoteStream} has read so far, and its deadline. */
final class StreamState {
    volatile long deadline;
    volatile boolean timedOut;
    final StringBuilder text = new StringBuilder();

    @Nullable
    String finishReason;

    int promptTokens = -1;
    int completionTokens = -1;
    double ttftMs = -1;

    StreamState(long deadline) {
        this.deadline = deadline;
    }
}
