package dev.sluice.worker.engine.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.worker.engine.CollectingListener;
import dev.sluice.worker.engine.GenerationRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * de.kherud:llama bundles its own llama.cpp (b4916) in libjllama.so; the FFM engine loads
 * v0.4.0 from the npm package. Both are dlopen'ed RTLD_LOCAL and the npm libraries resolve
 * their ggml dependencies by their own sonames, so neither sees the other's symbols and both
 * can run in one JVM (one surefire fork).
 */
class NativeCoexistenceTest {
    @Test
    void deKherudAndTheFfmEngineGenerateTheSameGreedyTextInOneJvm() throws Exception {
        String model = Models.path("stories260K.gguf").toString();
        String kherud;
        try (LlamaModel llama = new LlamaModel(new ModelParameters()
                .setModel(model)
                .setThreads(1)
                .setGpuLayers(0)
                .disableLog())) {
            kherud = llama.complete(new InferenceParameters("Once upon a time")
                    .setTemperature(0f)
                    .setNPredict(20));
        }

        CollectingListener ffm = new CollectingListener();
        try (FfmEngine engine = new FfmEngine(
                FfmEngineConfig.of(Models.path("stories260K.gguf")).withSlots(1).withContextPerSlot(128))) {
            engine.submit(
                    new GenerationRequest(
                            "c", null, "Once upon a time", List.of(), new Sampling(0.0, null, 20, List.of(), null), ""),
                    ffm);
            ffm.await();
        }

        assertThat(kherud).startsWith(", there was a little girl named Lily");
        assertThat(ffm.text()).isEqualTo(kherud);
    }
}
