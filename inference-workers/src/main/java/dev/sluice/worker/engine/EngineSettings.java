package dev.sluice.worker.engine;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.PlaceholdersResolver;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The engine's settings, {@code sluice.engine.*} (env {@code SLUICE_ENGINE_*}), bound once for
 * every engine; each engine reads the ones it uses. A value out of range stops the worker at
 * start with the property's name, rather than failing at the first request.
 *
 * <p>Bound by {@link #bind}, not as a {@code @ConfigurationProperties} bean: {@code sluice.engine}
 * is itself a value (the engine's name, {@link EngineChoice}), and Spring's binder, finding a
 * value at the prefix, tries to convert that string into this record and fails when no
 * {@code sluice.engine.*} key is set beside it. The annotation is here for the configuration
 * metadata only (nothing registers this record as a bean).
 *
 * @param slots             sequences a worker runs at once (in-process engines)
 * @param threads           native threads per decode; on 2 vCPUs one is fastest (both cores fight the JVM)
 * @param contextPerSlot    context tokens per sequence (capped by the model's)
 * @param gpuLayers         layers offloaded to a GPU ({@code llamacpp})
 * @param batchSize         rows one decode may take ({@code ffm}; raised to slots + 1 when smaller)
 * @param promptChunk       most prompt tokens one step decodes ({@code ffm})
 * @param flashAttention    {@code auto}, {@code true} or {@code false} ({@code ffm}; auto chooses by head size)
 * @param url               {@code openai}: comma-separated server base URLs
 * @param model             {@code openai}: the model name sent to the servers
 * @param perServer         {@code openai}: requests one server runs at once (256 = vLLM's default)
 * @param connectTimeout    {@code openai}: TCP connect
 * @param firstTokenTimeout {@code openai}: request sent to first streamed text
 * @param idleTimeout       {@code openai}: longest silence between two stream events once text flows
 * @param attempts          {@code openai}: tries per request, only before the first token
 * @param contextLength     {@code openai}: the context length announced for the remote model
 */
@ConfigurationProperties("sluice.engine")
public record EngineSettings(
        @DefaultValue("8") int slots,
        @DefaultValue("1") int threads,
        @DefaultValue("4096") int contextPerSlot,
        @DefaultValue("0") int gpuLayers,
        @DefaultValue("512") int batchSize,
        @DefaultValue("256") int promptChunk,
        @DefaultValue("auto") String flashAttention,
        @DefaultValue("") String url,
        @DefaultValue("") String model,
        @DefaultValue("256") int perServer,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration firstTokenTimeout,
        @DefaultValue("10s") Duration idleTimeout,
        @DefaultValue("3") int attempts,
        @DefaultValue("8192") int contextLength) {

    private static final List<String> FLASH_ATTENTION = List.of("auto", "true", "false", "on", "off");

    public EngineSettings {
        atLeast("slots", slots, 1);
        atMost("slots", slots, 256);
        atLeast("threads", threads, 1);
        atLeast("context-per-slot", contextPerSlot, 16);
        atLeast("gpu-layers", gpuLayers, 0);
        atLeast("batch-size", batchSize, 2);
        atLeast("prompt-chunk", promptChunk, 1);
        atLeast("per-server", perServer, 1);
        atLeast("attempts", attempts, 1);
        atLeast("context-length", contextLength, 16);
        positive("connect-timeout", connectTimeout);
        positive("first-token-timeout", firstTokenTimeout);
        positive("idle-timeout", idleTimeout);
        flashAttention = flashAttention.strip().toLowerCase(Locale.ROOT);
        if (!FLASH_ATTENTION.contains(flashAttention)) {
            throw new IllegalArgumentException(
                    "sluice.engine.flash-attention must be auto, true or false, was '" + flashAttention + "'");
        }
    }

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("sluice.engine");

    /** Binds {@code sluice.engine.*} from the application's environment (placeholders resolved, env variables included). */
    public static EngineSettings bind(ConfigurableEnvironment env) {
        return bind(ConfigurationPropertySources.get(env), new PropertySourcesPlaceholdersResolver(env));
    }

    static EngineSettings bind(
            Iterable<ConfigurationPropertySource> sources, @Nullable PlaceholdersResolver placeholders) {
        List<ConfigurationPropertySource> children = StreamSupport.stream(sources.spliterator(), false)
                .map(source -> source.filter(name -> !name.equals(PREFIX)))
                .toList();
        return new Binder(children, placeholders).bindOrCreate("sluice.engine", Bindable.of(EngineSettings.class));
    }

    /** Flash attention forced on or off, or null for llama.cpp's choice by head size. */
    public @Nullable Boolean flashAttentionOrNull() {
        return switch (flashAttention) {
            case "true", "on" -> Boolean.TRUE;
            case "false", "off" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min)
            throw new IllegalArgumentException("sluice.engine." + name + " must be at least " + min + ", was " + value);
    }

    private static void atMost(String name, int value, int max) {
        if (value > max)
            throw new IllegalArgumentException("sluice.engine." + name + " must be at most " + max + ", was " + value);
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(
                    "sluice.engine." + name + " must be a positive duration (e.g. 250ms, 5s), was " + value);
        }
    }
}
