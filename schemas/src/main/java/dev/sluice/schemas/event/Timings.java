package dev.sluice.schemas.event;

import org.jspecify.annotations.Nullable;

/**
 * Wall-clock milestones of one response (epoch ms) plus the engine's own time to first token,
 * so the pipeline's overhead can be told apart from the model's.
 */
public record Timings(
        long acceptedAtMs,
        long routedAtMs,
        long startedAtMs,
        @Nullable Long firstTokenAtMs,
        long completedAtMs,
        double engineTtftMs) {}
