package dev.sluice.schemas.crypto;

/**
 * The conversation id belongs to another user, or was erased: no key is made for this scope.
 * Final, unlike {@link KeysUnavailableException}: retrying cannot succeed. The gateway answers it
 * by giving the request a fresh conversation id.
 */
public final class ConversationTakenException extends RuntimeException {
    public ConversationTakenException(String message) {
        super(message, null, false, false);
    }

    /** True when {@code e} or one of its causes is this exception (a producer may wrap it). */
    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof ConversationTakenException) return true;
        return false;
    }
}
