package dev.sluice.worker.engine.ffm;

import dev.sluice.worker.engine.EngineException;
import dev.sluice.worker.engine.GenerationResult;
import java.lang.foreign.MemorySegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request running in a slot: how much of its prompt is in the KV cache, the token to feed
 * next, its sampler and its text. Touched only by the decode thread.
 */
final class ActiveSequence {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveSequence.class);

    final Submission submission;
    final SequenceSampler sampler;
    private final TextOutput text;
    private final int maxNewTokens;
    /** Index into the submission's tokens of the first one not yet in the KV cache. */
    int promptFed;
    /** The last sampled token, fed to the model on the next step. */
    int nextToken = -1;
    /** Batch row whose logits this sequence samples after the current decode, or -1. */
    int outputRow = -1;

    private int generated;
    private int unreportedTokens;
    private double ttftMs = -1;
    private boolean done;

    ActiveSequence(Submission submission, SequenceSampler sampler, int promptFed) {
        this.submission = submission;
        this.sampler = sampler;
        this.text = new TextOutput(submission.request.sampling().stop());
        this.promptFed = promptFed;
        int max = submission.request.sampling().maxTokens();
        this.maxNewTokens = max <= 0 ? Integer.MAX_VALUE : Math.max(0, max - submission.continuationTokens);
    }

    boolean prefilling() {
        return promptFed < submission.tokens.length;
    }

    boolean done() {
        return done;
    }

    /**
     * Handles a freshly sampled token. Returns true when the sequence has finished (and has
     * told its listener); {@code roomLeft} is false when the slot's context is full.
     */
    boolean accept(NativeModel model, int token, MemorySegment scratch, boolean roomLeft) {
        if (ttftMs < 0) {
            ttftMs = (System.nanoTime() - submission.submittedNanos) / 1e6;
        }
        if (model.isEndOfGeneration(token)) {
            return finish("stop");
        }
        generated++;
        unreportedTokens++;
        String out = text.accept(model.piece(token, scratch));
        if (!out.isEmpty()) {
            emit(out);
        }
        if (text.stopped()) {
            return finish("stop");
        }
        if (generated >= maxNewTokens || !roomLeft) {
            return finish("length");
        }
        nextToken = token;
        return false;
    }

    boolean finish(String reason) {
        if (done) {
            return true;
        }
        done = true;
        if (!"cancelled".equals(reason)) {
            String tail = text.flush();
            if (!tail.isEmpty()) {
                emit(tail);
            }
        }
        sampler.close();
        double ttft = ttftMs < 0 ? (System.nanoTime() - submission.submittedNanos) / 1e6 : ttftMs;
        GenerationResult result =
                new GenerationResult(submission.promptTokens, submission.continuationTokens + generated, reason, ttft);
        try {
            submission.listener.onComplete(result);
        } catch (RuntimeException e) {
            LOG.warn("listener of {} failed on completion", submission.request.id(), e);
        }
        return true;
    }

    void fail(EngineException error) {
        if (done) {
            return;
        }
        done = true;
        sampler.close();
        try {
            submission.listener.onError(error);
        } catch (RuntimeException e) {
            LOG.warn("listener of {} failed on error", submission.request.id(), e);
        }
    }

    private void emit(String out) {
        int tokens = unreportedTokens;
        unreportedTokens = 0;
        try {
            submission.listener.onText(out, tokens);
        } catch (RuntimeException e) {
            LOG.warn("listener of {} failed on text", submission.request.id(), e);
        }
    }
}
