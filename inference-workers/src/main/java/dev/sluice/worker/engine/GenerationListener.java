package dev.sluice.worker.engine;

/** Receives one sequence's output, called from engine threads, in order, never concurrently. */
public interface GenerationListener {
    /** A piece of text; {@code tokens} is how many model tokens it holds. */
    void onText(String text, int tokens);

    void onComplete(GenerationResult result);

    void onError(EngineException error);
}
