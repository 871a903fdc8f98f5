package dev.sluice.bridge;

/**
 * The stream registry (Redis) could not say who owns a response. Access is refused (fails
 * closed), but the answer is "try again", not "no such stream": a resume that meets a Redis
 * hiccup (a cold connection's first command on a loaded host, a failover) must not be told its
 * stream is gone for good.
 */
public final class RegistryUnavailableException extends RuntimeException {
    public RegistryUnavailableException(String correlationId, Throwable cause) {
        super("the stream registry could not be read for " + correlationId + ": " + cause, null, false, false);
    }
}
