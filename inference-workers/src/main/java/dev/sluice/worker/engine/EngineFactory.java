package dev.sluice.worker.engine;

import dev.sluice.worker.engine.ffm.FfmEngine;
import dev.sluice.worker.engine.ffm.FfmEngineConfig;
import dev.sluice.worker.engine.llamacpp.LlamaCppEngine;
import dev.sluice.worker.engine.llamacpp.LlamaCppSettings;
import dev.sluice.worker.engine.openai.OpenAiEngine;
import dev.sluice.worker.engine.openai.OpenAiEngineConfig;
import java.nio.file.Path;

/**
 * Builds the engine named by {@code sluice.engine} from the bound settings ({@link EngineChoice},
 * {@link EngineSettings}): every engine is built here. {@code ffm} is the default (llama.cpp's C API
 * through FFM, batched, one KV stream per sequence; the fastest engine measured here,
 * bench/results/api-vs-peer.md; its native libraries are bundled in the jar, {@code NativeBundle}).
 */
public final class EngineFactory {

    private EngineFactory() {}

    public static InferenceEngine create(EngineChoice choice, EngineSettings settings) {
        return switch (choice.engine()) {
            case LLAMACPP -> {
                Path file = modelFile(
                        choice,
                        "The worker role needs a model: set SLUICE_MODEL (or --model) to a GGUF file, "
                                + "or SLUICE_ENGINE=openai with SLUICE_ENGINE_URL for a remote server.");
                yield new LlamaCppEngine(
                        file,
                        modelId(file),
                        new LlamaCppSettings(
                                settings.slots(), settings.threads(), settings.contextPerSlot(), settings.gpuLayers()));
            }
            case FFM -> new FfmEngine(ffmConfig(choice, settings));
            case OPENAI -> new OpenAiEngine(openAiConfig(settings), OpenAiEngine.estimatedTokens());
        };
    }

    /** The model id clients name: the file name without {@code .gguf}. */
    public static String modelId(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".gguf") ? name.substring(0, name.length() - 5) : name;
    }

    static FfmEngineConfig ffmConfig(EngineChoice choice, EngineSettings s) {
        FfmEngineConfig defaults = FfmEngineConfig.of(modelFile(
                choice,
                "The worker role needs a model: set SLUICE_MODEL (or --model) to a GGUF file, "
                        + "or SLUICE_ENGINE=openai with SLUICE_ENGINE_URL for a remote server."));
        String libDir = choice.llama().libDir();
        return new FfmEngineConfig(
                defaults.model(),
                libDir.isBlank() ? defaults.libDir() : Path.of(libDir),
                defaults.modelId(),
                s.slots(),
                s.contextPerSlot(),
                s.threads(),
                s.batchSize(),
                s.promptChunk(),
                s.flashAttentionOrNull());
    }

    static OpenAiEngineConfig openAiConfig(EngineSettings s) {
        if (s.url().isBlank() || s.model().isBlank()) {
            throw new EngineException(
                    "engine_not_configured",
                    "The openai engine needs SLUICE_ENGINE_URL (comma-separated servers) and SLUICE_ENGINE_MODEL.");
        }
        OpenAiEngineConfig servers = OpenAiEngineConfig.of(s.url(), s.model());
        return new OpenAiEngineConfig(
                servers.servers(),
                servers.model(),
                s.perServer(),
                s.connectTimeout(),
                s.firstTokenTimeout(),
                s.idleTimeout(),
                s.attempts(),
                s.contextLength());
    }

    private static Path modelFile(EngineChoice choice, String missing) {
        if (choice.model().isBlank()) throw new EngineException("model_not_configured", missing);
        return Path.of(choice.model());
    }
}
