package dev.sluice.worker.engine.ffm;

import dev.sluice.worker.engine.EngineException;
import dev.sluice.worker.engine.Generation;
import dev.sluice.worker.engine.GenerationListener;
import dev.sluice.worker.engine.GenerationRequest;
import dev.sluice.worker.engine.GenerationResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request handed to the decode thread, already tokenized (tokenizing is thread-safe, so the
 * caller pays for it, not the batch). {@code rejected} is set when it must fail without running.
 */
final class Submission implements Generation {
    private static final Logger LOG = LoggerFactory.getLogger(Submission.class);

    final GenerationRequest request;
    final GenerationListener listener;
    final int[] tokens;
    final int promptTokens;
    final int continuationTokens;
    final @Nullable EngineException rejected;
    final long submittedNanos = System.nanoTime();
    private final Runnable wake;
    volatile boolean cancelled;

    Submission(
            GenerationRequest request,
            GenerationListener listener,
            int[] tokens,
            int promptTokens,
            int continuationTokens,
            @Nullable EngineException rejected,
            Runnable wake) {
        this.request = request;
        this.listener = listener;
        this.tokens = tokens;
        this.promptTokens = promptTokens;
        this.continuationTokens = continuationTokens;
        this.rejected = rejected;
        this.wake = wake;
    }

    /** Tells the listener the request failed; a throwing listener must not take the decode thread down. */
    void fail(EngineException error) {
        try {
            listener.onError(error);
        } catch (RuntimeException e) {
            LOG.warn("listener of {} failed on error", request.id(), e);
        }
    }

    /** Ends a request that was cancelled before it reached a slot. */
    void cancelledBeforeStart() {
        try {
            listener.onComplete(new GenerationResult(promptTokens, 0, "cancelled", 0));
        } catch (RuntimeException e) {
            LOG.warn("listener of {} failed on completion", request.id(), e);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        wake.run();
    }
}
