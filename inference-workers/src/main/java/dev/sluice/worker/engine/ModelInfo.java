package dev.sluice.worker.engine;

import org.jspecify.annotations.Nullable;

/**
 * @param template     llama3, plain or gguf (see {@code ModelAnnounced})
 * @param chatTemplate the Jinja chat template declared by the model, if any
 */
public record ModelInfo(
        String id,
        String engine,
        int contextLength,
        String template,
        @Nullable String chatTemplate) {}
