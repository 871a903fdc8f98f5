package dev.sluice.gateway.chat;

/**
 * Holds a chat's share of its user's token budget from admission until its usage is known: the
 * rate limiter when limits are on, {@link #NONE} otherwise.
 */
public interface TokenReservations {
    TokenReservations NONE = new TokenReservations() {
        @Override
        public void reserve(String user, String correlationId, int maxTokens) {}

        @Override
        public void release(String user, String correlationId) {}
    };

    /** Reserves {@code maxTokens} for response {@code correlationId}, or refuses it with an {@code ApiException} (429, or 400 when it can never fit). */
    void reserve(String user, String correlationId, int maxTokens);

    /** The response was never queued: its whole reservation goes back. */
    void release(String user, String correlationId);
}
