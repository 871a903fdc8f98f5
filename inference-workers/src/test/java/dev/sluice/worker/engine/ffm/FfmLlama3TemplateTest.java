package dev.sluice.worker.engine.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.event.Sampling;
import dev.sluice.worker.engine.CollectingListener;
import dev.sluice.worker.engine.GenerationRequest;
import dev.sluice.worker.engine.GenerationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Llama 3 vocabulary (random weights): special tokens in a templated prompt and the announced template. */
class FfmLlama3TemplateTest {
    @Test
    void templatedPromptKeepsOneBeginOfTextAndTheModelAnnouncesLlama3() throws Exception {
        String prompt = "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n";
        try (FfmEngine engine = new FfmEngine(FfmEngineConfig.of(Models.path("random-llama3vocab-q8_0.gguf"))
                .withSlots(1)
                .withContextPerSlot(128))) {
            CollectingListener c = new CollectingListener();
            engine.submit(
                    new GenerationRequest(
                            "t", null, prompt, List.of(), new Sampling(0.0, null, 2, List.of(), null), ""),
                    c);
            GenerationResult r = c.await();

            // <|begin_of_text|> <|start_header_id|> user <|end_header_id|> \n\n Hello <|eot_id|> ... : specials parsed,
            // BOS once
            assertThat(r.promptTokens()).isEqualTo(engine.countTokens(prompt));
            assertThat(engine.countTokens("<|begin_of_text|>")).isEqualTo(1);
            assertThat(engine.info().template()).isEqualTo("llama3");
            assertThat(engine.info().chatTemplate()).contains("<|start_header_id|>");
        }
    }
}
