package dev.sluice.worker.engine.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.event.Sampling;
import dev.sluice.worker.engine.CollectingListener;
import dev.sluice.worker.engine.EngineException;
import dev.sluice.worker.engine.GenerationRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmEngineLifecycleTest {
    static GenerationRequest greedy(int maxTokens) {
        return new GenerationRequest(
                "l", null, "Once upon a time", List.of(), new Sampling(0.0, null, maxTokens, List.of(), null), "");
    }

    static FfmEngine engine() {
        return new FfmEngine(
                FfmEngineConfig.of(Models.path("stories260K.gguf")).withSlots(2).withContextPerSlot(128));
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheEngine() throws Exception {
        try (FfmEngine engine = engine()) {
            CollectingListener broken = new CollectingListener() {
                @Override
                public synchronized void onText(String piece, int tokens) {
                    throw new IllegalStateException("listener bug");
                }
            };
            engine.submit(greedy(5), broken);
            broken.await();

            CollectingListener next = new CollectingListener();
            engine.submit(greedy(5), next);
            assertThat(next.await().finishReason()).isEqualTo("length");
            assertThat(next.text()).startsWith(", there was");
        }
    }

    @Test
    void requestsAfterCloseFailAsEngineClosed() {
        FfmEngine engine = engine();
        engine.close();
        CollectingListener late = new CollectingListener();

        engine.submit(greedy(5), late);

        assertThatThrownBy(late::await)
                .cause()
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo("engine_closed"));
        engine.close(); // closing twice is harmless
    }
}
