package dev.sluice.worker.engine;

/**
 * An engine generates text for many sequences at once. {@link #submit} never blocks on
 * generation: the engine runs the sequence in one of its slots and reports through the
 * listener, from its own threads. The worker loop owns admission (how many are in flight),
 * offsets and Kafka; the engine owns slots, batching and KV reuse.
 */
public interface InferenceEngine extends AutoCloseable {

    ModelInfo info();

    /** How many sequences the engine runs at once; the worker keeps at most this many in flight. */
    int slots();

    /**
     * Starts generating. Exactly one of {@code onComplete} or {@code onError} follows, also
     * after {@link Generation#cancel()} (with finish reason {@code cancelled}).
     */
    Generation submit(GenerationRequest request, GenerationListener listener);

    /** Real token count of a text in this model's vocabulary. */
    int countTokens(String text);

    @Override
    void close();
}
