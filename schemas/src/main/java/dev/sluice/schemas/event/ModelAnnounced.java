package dev.sluice.schemas.event;

import org.jspecify.annotations.Nullable;

/**
 * Value of the compacted {@code sluice.models} topic: a worker says which model it serves. The
 * gateway lists these in {@code GET /v1/models} and rejects unknown models; the topology picks
 * the prompt template from it. Key: model id.
 *
 * @param template     "llama3" (Llama 3.1 header format), "plain" (no chat template: the text
 *                     of the turns) or "gguf" (the model's own template, applied by the worker)
 * @param chatTemplate the Jinja template the GGUF declares, if any
 */
public record ModelAnnounced(
        String id,
        String engine,
        int contextLength,
        String template,
        @Nullable String chatTemplate,
        String workerId,
        long tsMs) {}
