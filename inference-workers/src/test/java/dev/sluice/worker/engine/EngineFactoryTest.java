package dev.sluice.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.worker.engine.ffm.FfmEngine;
import dev.sluice.worker.engine.llamacpp.LlamaCppEngine;
import dev.sluice.worker.engine.openai.OpenAiEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code sluice.*} properties bound the way Spring binds them at start, then the engine they name. */
class EngineFactoryTest {
    private static final String MODELS = System.getProperty("sluice.models.dir", "../shared/models");

    private static MapConfigurationPropertySource binder(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) map.put(keyValues[i], keyValues[i + 1]);
        return new MapConfigurationPropertySource(map);
    }

    private static EngineChoice choice(MapConfigurationPropertySource b) {
        return new Binder(b).bindOrCreate("sluice", EngineChoice.class);
    }

    private static EngineSettings settings(MapConfigurationPropertySource b) {
        return EngineSettings.bind(List.of(b), null);
    }

    private static InferenceEngine create(String... keyValues) {
        MapConfigurationPropertySource b = binder(keyValues);
        return EngineFactory.create(choice(b), settings(b));
    }

    @Test
    void defaultsAreWrittenOnceAndMatchTheReadme() {
        EngineSettings s = settings(binder());

        assertThat(choice(binder()).engine()).isEqualTo(EngineKind.FFM);
        assertThat(s.slots()).isEqualTo(8);
        assertThat(s.threads()).isEqualTo(1);
        assertThat(s.contextPerSlot()).isEqualTo(4096);
        assertThat(s.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.perServer()).isEqualTo(256);
    }

    @Test
    void anEngineNameAloneStillBindsTheDefaults() {
        // sluice.engine=ffm with no sluice.engine.* beside it: the binder found a value at the prefix and failed.
        assertThat(settings(binder("sluice.engine", "ffm")).slots()).isEqualTo(8);
        assertThat(choice(binder("sluice.engine", "FFM")).engine()).isEqualTo(EngineKind.FFM);
    }

    @Test
    void ffmIsTheDefaultAndNeedsAModel() {
        assertThat(choice(binder()).engine()).isEqualTo(EngineKind.FFM);
        assertThatThrownBy(() -> create())
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("SLUICE_MODEL")
                .hasMessageContaining("SLUICE_ENGINE=openai");
    }

    @Test
    void llamacppIsBuiltByTheFactoryToo() {
        try (InferenceEngine engine = create(
                "sluice.engine",
                "llamacpp",
                "sluice.model",
                Path.of(MODELS, "stories260K.gguf").toString(),
                "sluice.engine.slots",
                "2",
                "sluice.engine.context-per-slot",
                "256")) {
            assertThat(engine).isInstanceOf(LlamaCppEngine.class);
            assertThat(engine.info().id()).isEqualTo("stories260K");
        }
    }

    @Test
    void openaiEngineTakesServersModelAndTimeoutsFromProperties() {
        String[] props = {
            "sluice.engine",
            "openai",
            "sluice.engine.url",
            "http://127.0.0.1:1, http://127.0.0.1:2/",
            "sluice.engine.model",
            "llama-3.1-8b",
            "sluice.engine.per-server",
            "4",
            "sluice.engine.idle-timeout",
            "750ms"
        };

        try (InferenceEngine engine = create(props)) {
            assertThat(engine).isInstanceOf(OpenAiEngine.class);
            assertThat(engine.slots()).isEqualTo(8);
            assertThat(engine.info().id()).isEqualTo("llama-3.1-8b");
        }
        assertThat(EngineFactory.openAiConfig(settings(binder(props))).idleTimeout())
                .isEqualTo(Duration.ofMillis(750));
        assertThat(EngineFactory.openAiConfig(settings(binder(props))).firstTokenTimeout())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void ffmEngineLoadsTheConfiguredGgufWithItsSlots() {
        try (InferenceEngine engine = create(
                "sluice.engine",
                "ffm",
                "sluice.model",
                Path.of(MODELS, "stories260K.gguf").toString(),
                "sluice.engine.slots",
                "3",
                "sluice.engine.context-per-slot",
                "256")) {
            assertThat(engine).isInstanceOf(FfmEngine.class);
            assertThat(engine.slots()).isEqualTo(3);
            assertThat(engine.info().contextLength()).isEqualTo(256);
            assertThat(engine.info().id()).isEqualTo("stories260K");
            assertThat(engine.info().template()).isEqualTo("plain");
        }
    }

    @Test
    void unknownEngineBadValuesAndMissingSettingsFailWithAClearMessage() {
        assertThatThrownBy(() -> create("sluice.engine", "tgi"))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("sluice.engine");
        assertThatThrownBy(() -> create("sluice.engine", "openai"))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("SLUICE_ENGINE_URL");
        assertThatThrownBy(() -> create("sluice.engine.slots", "0"))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("sluice.engine.slots must be at least 1, was 0");
        assertThatThrownBy(() -> create("sluice.engine.idle-timeout", "soon"))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("sluice.engine.idle-timeout");
        assertThatThrownBy(() -> create("sluice.engine.flash-attention", "maybe"))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("auto, true or false");
        assertThatThrownBy(() -> create()).isInstanceOf(EngineException.class).hasMessageContaining("SLUICE_MODEL");
    }
}
