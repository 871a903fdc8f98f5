package dev.sluice.persistence.sink;

import dev.sluice.schemas.event.CompletionRecorded;
import java.util.List;

/**
 * Where a {@link CompletionSink} puts a batch of completions. A writer must be idempotent (the
 * same batch can arrive again after a failure or a replay) and must either take the whole
 * batch or throw, so the sink can retry it without losing part of it.
 */
public interface CompletionWriter {

    /**
     * Writes the batch and returns the completions it refused for good (they go to the dead
     * letter topic). Throws when the store is unavailable; the sink then retries the batch.
     */
    List<Rejected> write(List<CompletionRecorded> batch) throws Exception;

    /** A completion that can never be written, with the reason an operator will read. */
    record Rejected(CompletionRecorded completion, String reason) {
    }
}
