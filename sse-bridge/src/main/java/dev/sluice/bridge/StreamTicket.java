package dev.sluice.bridge;

/**
 * What the gateway remembers about an accepted response for the resume window: who owns it,
 * when it was accepted (where replay starts looking in {@code chat.stream}), and how its
 * chunks are formatted.
 */
public record StreamTicket(String user, long acceptedAtMs, String model, boolean includeUsage) {}
