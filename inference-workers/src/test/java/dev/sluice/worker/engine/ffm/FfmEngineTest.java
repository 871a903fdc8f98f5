package dev.sluice.worker.engine.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.event.Sampling;
import dev.sluice.worker.engine.CollectingListener;
import dev.sluice.worker.engine.EngineException;
import dev.sluice.worker.engine.Generation;
import dev.sluice.worker.engine.GenerationRequest;
import dev.sluice.worker.engine.GenerationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FFM engine on the real stories260K model (llama2.c's TinyStories weights). */
class FfmEngineTest {
    /** llama2.c's published temperature-0 sample for this model. */
    static final String ONCE_UPON_A_TIME =
            ", there was a little girl named Lily. She loved to play outside in the park.";

    static FfmEngine engine;

    @BeforeAll
    static void load() {
        engine = new FfmEngine(
                FfmEngineConfig.of(Models.path("stories260K.gguf")).withSlots(8).withContextPerSlot(256));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static GenerationRequest request(String prompt, Sampling sampling, @Nullable String affinity, String continuation) {
        return new GenerationRequest("r-" + System.nanoTime(), affinity, prompt, List.of(), sampling, continuation);
    }

    static GenerationRequest greedy(String prompt, int maxTokens) {
        return request(prompt, new Sampling(0.0, null, maxTokens, List.of(), null), null, "");
    }

    static CollectingListener run(GenerationRequest request) throws Exception {
        CollectingListener c = new CollectingListener();
        engine.submit(request, c);
        c.await();
        return c;
    }

    @Test
    void continuesOnceUponATimeGreedilyAsLlama2cDoes() throws Exception {
        CollectingListener c = run(greedy("Once upon a time", 40));

        assertThat(c.text()).startsWith(ONCE_UPON_A_TIME);
        assertThat(c.await().finishReason()).isEqualTo("length");
        assertThat(c.await().promptTokens()).isEqualTo(engine.countTokens("Once upon a time") + 1); // + BOS
    }

    @Test
    void maxTokensEndsWithLengthAndCountsRealTokens() throws Exception {
        CollectingListener c = run(greedy("Once upon a time", 7));

        GenerationResult r = c.await();
        assertThat(r.finishReason()).isEqualTo("length");
        assertThat(r.completionTokens()).isEqualTo(7);
        assertThat(c.textTokens.get()).isEqualTo(7);
    }

    @Test
    void sameSeedGivesSameTextAndAnotherSeedDiffers() throws Exception {
        Sampling seeded = new Sampling(1.0, 0.95, 60, List.of(), 42L);
        String first = run(request("Once upon a time", seeded, null, "")).text();
        String again = run(request("Once upon a time", seeded, null, "")).text();
        String other = run(request("Once upon a time", new Sampling(1.0, 0.95, 60, List.of(), 7L), null, ""))
                .text();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void stopStringEndsBeforeTheStopAndNeverStreamsIt() throws Exception {
        CollectingListener c =
                run(request("Once upon a time", new Sampling(0.0, null, 60, List.of("Lily", "zebra"), null), null, ""));

        assertThat(c.text()).isEqualTo(", there was a little girl named ");
        assertThat(c.await().finishReason()).isEqualTo("stop");
    }

    @Test
    void cancelEndsAsCancelledAndTheSlotServesTheNextRequest() throws Exception {
        AtomicReference<Generation> handle = new AtomicReference<>();
        CollectingListener c = new CollectingListener() {
            @Override
            public synchronized void onText(String piece, int tokens) {
                super.onText(piece, tokens);
                handle.get().cancel();
            }
        };
        synchronized (c) {
            handle.set(engine.submit(greedy("Once upon a time", 200), c));
        }

        GenerationResult r = c.await();
        assertThat(r.finishReason()).isEqualTo("cancelled");
        assertThat(r.completionTokens()).isLessThan(10);
        List<CollectingListener> after = new ArrayList<>();
        for (int i = 0; i < engine.slots(); i++) {
            after.add(run(greedy("Once upon a time", 20)));
        }
        assertThat(after).allSatisfy(a -> assertThat(a.text()).startsWith(", there was a little girl named Lily."));
    }

    @Test
    void promptLongerThanTheContextFailsWithAClearError() {
        String tooLong = "Once upon a time there was a dog. ".repeat(60);
        CollectingListener c = new CollectingListener();
        engine.submit(greedy(tooLong, 10), c);

        assertThatThrownBy(c::await)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("tokens")
                .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo("context_length_exceeded"));
    }

    @Test
    void eightConcurrentSequencesGiveTheSameGreedyTextAsOneAlone() throws Exception {
        List<String> prompts = List.of(
                "Once upon a time",
                "The cat",
                "Tom and Sue",
                "One day, a bird",
                "Lily wanted",
                "The sun was",
                "A little boy",
                "Mom said");
        List<String> alone = new ArrayList<>();
        for (String p : prompts) {
            alone.add(run(greedy(p, 48)).text());
        }

        List<CollectingListener> together = new ArrayList<>();
        for (String p : prompts) {
            CollectingListener c = new CollectingListener();
            engine.submit(greedy(p, 48), c);
            together.add(c);
        }
        for (int i = 0; i < prompts.size(); i++) {
            together.get(i).await();
            assertThat(together.get(i).text()).as(prompts.get(i)).isEqualTo(alone.get(i));
        }
    }

    @Test
    void secondTurnOfAConversationReusesTheFirstTurnsTokens() throws Exception {
        String turn1 = "Once upon a time, there was a little girl named Lily. She loved to play outside.";
        run(request(turn1, new Sampling(0.0, null, 10, List.of(), null), "conv-reuse", ""));
        long reusedBefore = engine.reusedPromptTokens();

        run(request(
                turn1 + " One day, she saw a dog.", new Sampling(0.0, null, 10, List.of(), null), "conv-reuse", ""));

        assertThat(engine.reusedPromptTokens() - reusedBefore).isGreaterThanOrEqualTo(engine.countTokens(turn1) - 1);
    }

    @Test
    void takeoverContinuesAfterTheTextAlreadyStreamed() throws Exception {
        String full = run(greedy("Once upon a time", 30)).text();
        String streamed = ", there was a little girl";

        CollectingListener rest =
                run(request("Once upon a time", new Sampling(0.0, null, 30, List.of(), null), null, streamed));

        assertThat(streamed + rest.text()).startsWith(full.substring(0, 60));
        assertThat(rest.await().completionTokens()).isEqualTo(30);
    }
}
