package dev.sluice.worker.engine;

/** A running sequence. */
public interface Generation {
    /** Stops the sequence soon (the engine frees its slot) and completes it as {@code cancelled}. */
    void cancel();
}
