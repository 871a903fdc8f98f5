package dev.sluice.worker.engine;

/** A failure the client sees as an {@code error} event: code is machine-readable, message is for people. */
public final class EngineException extends RuntimeException {
    private final String code;

    public EngineException(String code, String message) {
        super(message);
        this.code = code;
    }

    public EngineException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
