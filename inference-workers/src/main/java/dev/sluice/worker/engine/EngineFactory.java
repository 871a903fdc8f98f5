package dev.sluice.worker.engine;

import dev.sluice.worker.engine.ffm.FfmEngine;
import dev.sluice.worker.engine.ffm.FfmEngineConfig;
import dev.sluice.worker.engine.openai.OpenAiEngine;
import dev.sluice.worker.engine.openai.OpenAiEngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.PropertyResolver;

/**
 * Builds the engine named by {@code sluice.engine} (env {@code SLUICE_ENGINE}) from Spring
 * properties. {@code ffm} (the default: llama.cpp's C API through FFM, batched, one KV stream per
 * sequence; the fastest engine measured here, bench/results/api-vs-peer.md) and {@code openai} are
 * built here; for {@code llamacpp} (de.kherud:llama, one shared KV cache) it returns null and the
 * worker configuration builds that one.
 */
public final class EngineFactory {
    public static final String ENGINE = "sluice.engine";
    public static final String DEFAULT = "ffm";

    private EngineFactory() {
    }

    public static @Nullable InferenceEngine create(PropertyResolver env) {
        String kind = env.getProperty(ENGINE, DEFAULT).strip().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "llamacpp" -> null;
            case "ffm" -> new FfmEngine(ffmConfig(env));
            case "openai" -> new OpenAiEngine(openAiConfig(env), OpenAiEngine.estimatedTokens());
            default -> throw new EngineException("unknown_engine",
                    "sluice.engine (SLUICE_ENGINE) must be llamacpp, ffm or openai, was '" + kind + "'");
        };
    }

    static FfmEngineConfig ffmConfig(PropertyResolver env) {
        String model = env.getProperty("sluice.model", "");
        if (model.isBlank()) {
            throw new EngineException("model_not_configured", "The worker role needs a model: set SLUICE_MODEL (or --model) to a GGUF file, "
                    + "or SLUICE_ENGINE=openai with SLUICE_ENGINE_URL for a remote server.");
        }
        FfmEngineConfig defaults = FfmEngineConfig.of(Path.of(model));
        String libDir = env.getProperty("sluice.llama.lib-dir");
        return new FfmEngineConfig(defaults.model(),
                libDir == null || libDir.isBlank() ? defaults.libDir() : Path.of(libDir),
                defaults.modelId(),
                env.getProperty("sluice.engine.slots", Integer.class, 8),
                env.getProperty("sluice.engine.context-per-slot", Integer.class, 4096),
                env.getProperty("sluice.engine.threads", Integer.class, 1),
                env.getProperty("sluice.engine.batch-size", Integer.class, 512),
                env.getProperty("sluice.engine.prompt-chunk", Integer.class, 256),
                flashAttention(env.getProperty("sluice.engine.flash-attention", "auto")));
    }

    static OpenAiEngineConfig openAiConfig(PropertyResolver env) {
        String urls = env.getProperty("sluice.engine.url", "");
        String model = env.getProperty("sluice.engine.model", "");
        if (urls.isBlank() || model.isBlank()) {
            throw new EngineException("engine_not_configured",
                    "The openai engine needs SLUICE_ENGINE_URL (comma-separated servers) and SLUICE_ENGINE_MODEL.");
        }
        OpenAiEngineConfig d = OpenAiEngineConfig.of(urls, model);
        return new OpenAiEngineConfig(d.servers(), d.model(),
                env.getProperty("sluice.engine.per-server", Integer.class, d.perServer()),
                duration(env, "sluice.engine.connect-timeout", d.connectTimeout()),
                duration(env, "sluice.engine.first-token-timeout", d.firstTokenTimeout()),
                duration(env, "sluice.engine.idle-timeout", d.idleTimeout()),
                env.getProperty("sluice.engine.attempts", Integer.class, d.attempts()),
                env.getProperty("sluice.engine.context-length", Integer.class, d.contextLength()));
    }

    private static @Nullable Boolean flashAttention(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "auto", "" -> null;
            case "true", "on" -> true;
            case "false", "off" -> false;
            default -> throw new EngineException("engine_not_configured",
                    "sluice.engine.flash-attention must be auto, true or false, was '" + v + "'");
        };
    }

    /** Accepts 250ms, 5s, 2m, ISO-8601 (PT5S) or plain milliseconds. */
    static Duration duration(PropertyResolver env, String key, Duration fallback) {
        String v = env.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        String s = v.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
            }
            if (s.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
            }
            return Duration.ofMillis(Long.parseLong(s));
        } catch (RuntimeException e) {
            throw new EngineException("engine_not_configured", key + " is not a duration: '" + v + "'", e);
        }
    }
}
