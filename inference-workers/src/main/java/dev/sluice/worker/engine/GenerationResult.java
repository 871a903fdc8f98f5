package dev.sluice.worker.engine;

/**
 * @param finishReason    stop, length or cancelled
 * @param engineTtftMs    the engine's own time from submit to first token
 */
public record GenerationResult(int promptTokens, int completionTokens, String finishReason, double engineTtftMs) {}
