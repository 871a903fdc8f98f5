package dev.sluice.schemas.event;

/** Value of {@code chat.cancellations}: stop generating this response. Key: correlation id. */
public record CancelRequested(String correlationId, String userId, String reason, long tsMs) {}
