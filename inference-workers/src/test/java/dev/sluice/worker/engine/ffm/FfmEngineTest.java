package dev.sluice.worker.engine.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.event.Sampling;
import dev.sluice.worker.engine.GenerationRequest;
import dev.sluice.worker.engine.GenerationResult;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FfmEngineTest {
    static FfmEngine engine;

    @BeforeAll
    static void load() {
        engine = new FfmEngine(FfmEngineConfig.of(Models.path("stories260K.gguf")).withSlots(8).withContextPerSlot(256));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static GenerationRequest greedy(String id, String prompt, int maxTokens) {
        return new GenerationRequest(id, null, prompt, List.of(), new Sampling(0.0, null, maxTokens, List.of(), null), "");
    }

    @Test
    void continuesOnceUponATimeGreedily() throws Exception {
        Collected c = new Collected();
        engine.submit(greedy("a", "Once upon a time", 40), c);
        GenerationResult r = c.await();
        System.out.println("[" + c.text() + "] " + r);
        assertThat(r.finishReason()).isEqualTo("length");
        assertThat(r.completionTokens()).isEqualTo(40);
    }
}
