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
     * letter topic). Throws when the store is unavailable or refused one of the records; the
     * sink then tells the two apart with {@link #storeUnavailable}.
     */
    List<Rejected> write(List<CompletionRecorded> batch) throws Exception;

    /**
     * Whether a failure says the store itself is down (the whole batch waits and retries) rather
     * than that it refused something in the batch (the records are then tried one by one). The
     * default keeps a writer that cannot tell on the safe side: wait, never drop.
     */
    default boolean storeUnavailable(Exception failure) {
        return true;
    }

    /**
     * The reason an operator reads for a record the store refused: what went wrong, never the
     * record's content (a database error's detail can quote the row).
     */
    default String describe(Exception failure) {
        return failure.getClass().getSimpleName();
    }

    /** A completion that can never be written, with the reason an operator will read. */
    record Rejected(CompletionRecorded completion, String reason) {}
}
