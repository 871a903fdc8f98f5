package dev.sluice.worker.engine;

import org.jspecify.annotations.Nullable;

/** A failure the client sees as an {@code error} event: code is machine-readable, message is for people. */
public final class EngineException extends RuntimeException {
    private final String code;
    private final String message;

    public EngineException(String code, String message) {
        super(message);
        this.code = code;
        this.message = message;
    }

    public EngineException(String code, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.code = code;
        this.message = message;
    }

    /** Never null, unlike a throwable's in general: both constructors take one. */
    @Override
    public String getMessage() {
        return message;
    }

    public String code() {
        return code;
    }
}
