package dev.sluice.worker.engine.openai;

import dev.sluice.worker.engine.EngineException;

/** A try of a {@link RemoteStream} failed in a way another try (on another server) may not. */
final class Retryable extends Exception {
    final EngineException error;

    Retryable(EngineException error) {
        super(error.getMessage(), null, false, false);
        this.error = error;
    }
}
