package dev.sluice.worker.engine.ffm;

import dev.sluice.worker.engine.EngineException;
import dev.sluice.worker.engine.Generation;
import dev.sluice.worker.engine.GenerationListener;
import dev.sluice.worker.engine.GenerationRequest;
import org.jspecify.annotations.Nullable;

/**
 * A request handed to the decode thread, already tokenized (tokenizing is thread-safe, so the
 * caller pays for it, not the batch). {@code rejected} is set when it must fail without running.
 */
final class Submission implements Generation {
    final GenerationRequest request;
    final GenerationListener listener;
    final int[] tokens;
    final int promptTokens;
    final int continuationTokens;
    final @Nullable EngineException rejected;
    final long submittedNanos = System.nanoTime();
    private final Runnable wake;
    volatile boolean cancelled;

    Submission(GenerationRequest request, GenerationListener listener, int[] tokens, int promptTokens,
               int continuationTokens, @Nullable EngineException rejected, Runnable wake) {
        this.request = request;
        this.listener = listener;
        this.tokens = tokens;
        this.promptTokens = promptTokens;
        this.continuationTokens = continuationTokens;
        this.rejected = rejected;
        this.wake = wake;
    }

    @Override
    public void cancel() {
        cancelled = true;
        wake.run();
    }
}
