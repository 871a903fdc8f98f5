package dev.sluice.worker.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which engine a worker runs and on which model file ({@code sluice.engine}, {@code sluice.model},
 * {@code sluice.llama.lib-dir}; env {@code SLUICE_ENGINE}, {@code SLUICE_MODEL}, {@code SLUICE_LLAMA_LIB_DIR}).
 * Apart from {@link EngineSettings} because {@code sluice.engine} is itself a value and the prefix
 * of the engine's settings.
 *
 * @param engine {@code ffm} (the default), {@code llamacpp} or {@code openai} (any case)
 * @param model  the GGUF file of an in-process engine; blank for {@code openai}
 * @param llama  where the {@code ffm} engine finds llama.cpp's libraries
 */
@ConfigurationProperties("sluice")
public record EngineChoice(
        @DefaultValue("ffm") EngineKind engine,
        @DefaultValue("") String model,
        @DefaultValue Llama llama) {

    /** @param libDir the folder with libllama and its ggml libraries; blank: the libraries bundled in the jar ({@code FfmEngineConfig.defaultLibDir()}) */
    public record Llama(@DefaultValue("") String libDir) {}
}
