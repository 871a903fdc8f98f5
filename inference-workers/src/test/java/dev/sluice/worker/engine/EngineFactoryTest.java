package dev.sluice.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.worker.engine.ffm.FfmEngine;
import dev.sluice.worker.engine.openai.OpenAiEngine;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class EngineFactoryTest {
    @Test
    void llamacppIsLeftToTheWorkerConfiguration() {
        assertThat(EngineFactory.create(new MockEnvironment().withProperty("sluice.engine", "llamacpp"))).isNull();
    }

    @Test
    void ffmIsTheDefaultAndNeedsAModel() {
        assertThatThrownBy(() -> EngineFactory.create(new MockEnvironment()))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("SLUICE_MODEL").hasMessageContaining("SLUICE_ENGINE=openai");
    }

    @Test
    void openaiEngineTakesServersModelAndTimeoutsFromProperties() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("sluice.engine", "openai")
                .withProperty("sluice.engine.url", "http://127.0.0.1:1, http://127.0.0.1:2/")
                .withProperty("sluice.engine.model", "llama-3.1-8b")
                .withProperty("sluice.engine.per-server", "4")
                .withProperty("sluice.engine.idle-timeout", "750ms");

        try (InferenceEngine engine = EngineFactory.create(env)) {
            assertThat(engine).isInstanceOf(OpenAiEngine.class);
            assertThat(engine.slots()).isEqualTo(8);
            assertThat(engine.info().id()).isEqualTo("llama-3.1-8b");
        }
        assertThat(EngineFactory.openAiConfig(env).idleTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(EngineFactory.openAiConfig(env).firstTokenTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void ffmEngineLoadsTheConfiguredGgufWithItsSlots() {
        String models = System.getProperty("sluice.models.dir", "../shared/models");
        MockEnvironment env = new MockEnvironment()
                .withProperty("sluice.engine", "ffm")
                .withProperty("sluice.model", Path.of(models, "stories260K.gguf").toString())
                .withProperty("sluice.engine.slots", "3")
                .withProperty("sluice.engine.context-per-slot", "256");

        try (InferenceEngine engine = EngineFactory.create(env)) {
            assertThat(engine).isInstanceOf(FfmEngine.class);
            assertThat(engine.slots()).isEqualTo(3);
            assertThat(engine.info().contextLength()).isEqualTo(256);
            assertThat(engine.info().id()).isEqualTo("stories260K");
            assertThat(engine.info().template()).isEqualTo("plain");
        }
    }

    @Test
    void unknownEngineAndMissingSettingsFailWithAClearMessage() {
        assertThatThrownBy(() -> EngineFactory.create(new MockEnvironment().withProperty("sluice.engine", "tgi")))
                .isInstanceOf(EngineException.class).hasMessageContaining("llamacpp, ffm or openai");
        assertThatThrownBy(() -> EngineFactory.create(new MockEnvironment().withProperty("sluice.engine", "openai")))
                .isInstanceOf(EngineException.class).hasMessageContaining("SLUICE_ENGINE_URL");
    }
}
