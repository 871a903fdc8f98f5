package dev.sluice.schemas.crypto;

/**
 * The key store or the key provider cannot answer now (database down, KMS unreachable): retry
 * later. Distinct from {@link KeyDestroyedException}, which is final.
 */
public final class KeysUnavailableException extends RuntimeException {
    public KeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public KeysUnavailableException(String message) {
        super(message);
    }

    /** True when this, or one of its causes, is a key-store outage. */
    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof KeysUnavailableException) return true;
        return false;
    }
}
