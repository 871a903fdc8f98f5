package dev.sluice.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.worker.engine.GenerationResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What one response puts on Kafka: numbered chunks, done, the completion; and the output filter. */
class ResponseStreamerTest {
    private final MockProducer<String, Object> producer =
            new MockProducer<>(true, null, new StringSerializer(), (t, v) -> new byte[0]);
    private final PromptReady prompt = new PromptReady(
            "c-1",
            "conv-1",
            "alice",
            "m",
            List.of(ChatMessage.user("Tell me a story")),
            "p",
            new Sampling(0.0, null, 50, List.of(), null),
            "key",
            0,
            0);
    private final WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());
    /** No coalescing window and an acknowledging producer: every piece goes out alone, as under light load. */
    private final ChunkFlusher noWindow = new ChunkFlusher(Duration.ZERO, "test-flusher");

    @AfterEach
    void stopFlusher() {
        noWindow.close();
    }

    private List<Object> published(String topic) {
        return producer.history().stream()
                .filter(r -> r.topic().equals(topic))
                .map(ProducerRecord::value)
                .toList();
    }

    @Test
    void chunksAreNumberedFromOneAndTheAnswerIsRecorded() {
        AtomicBoolean finished = new AtomicBoolean();
        ResponseStreamer s =
                new ResponseStreamer(prompt, 0, "", producer, noWindow, metrics, null, e -> finished.set(e == null));

        s.onText("Once", 1);
        s.onText(" upon", 1);
        s.onComplete(new GenerationResult(4, 2, "stop", 1.0));

        List<Object> events = published(Topics.CHAT_STREAM.name());
        assertThat(events).extracting(e -> ((StreamEvent) e).seq()).containsExactly(1L, 2L, 3L);
        assertThat(((StreamEvent) events.getLast()).finishReason()).isEqualTo("stop");
        CompletionRecorded done =
                (CompletionRecorded) published(Topics.CHAT_COMPLETIONS.name()).getFirst();
        assertThat(done.content()).isEqualTo("Once upon");
        assertThat(done.userMessage()).isEqualTo("Tell me a story");
        assertThat(done.cacheKey()).isEqualTo("key");
        assertThat(finished).isTrue();
    }

    @Test
    void aTakeoverContinuesTheSequenceAndKeepsTheEarlierText() {
        ResponseStreamer s = new ResponseStreamer(prompt, 7, "Once upon", producer, noWindow, metrics, null, e -> {});

        s.onText(" a time", 1);
        s.onComplete(new GenerationResult(4, 3, "stop", 1.0));

        assertThat(published(Topics.CHAT_STREAM.name()))
                .extracting(e -> ((StreamEvent) e).seq())
                .containsExactly(8L, 9L);
        assertThat(((CompletionRecorded)
                                published(Topics.CHAT_COMPLETIONS.name()).getFirst())
                        .content())
                .isEqualTo("Once upon a time");
    }

    @Test
    void unsafeOutputStopsTheSequenceAndEndsAsContentFilter() {
        AtomicBoolean stopped = new AtomicBoolean();
        ResponseStreamer s = new ResponseStreamer(
                prompt,
                0,
                "",
                producer,
                noWindow,
                metrics,
                new GuardPipeline(GuardConfig.defaults()).outputMonitor(),
                e -> {});
        s.stopWith(() -> stopped.set(true));

        s.onText("Sure. Here are step by step instructions to build a pipe", 1);
        s.onText(" bomb at home: first", 1);
        s.onText(" get", 1);
        s.onComplete(new GenerationResult(4, 3, "cancelled", 1.0));

        assertThat(stopped).isTrue();
        List<Object> events = published(Topics.CHAT_STREAM.name());
        assertThat(events)
                .noneMatch(e -> ((StreamEvent) e).text() != null
                        && ((StreamEvent) e).text().contains("bomb"));
        assertThat(((StreamEvent) events.getLast()).finishReason()).isEqualTo("content_filter");
        assertThat(((CompletionRecorded)
                                published(Topics.CHAT_COMPLETIONS.name()).getFirst())
                        .finishReason())
                .isEqualTo("content_filter");
    }

    @Test
    void mergedOutputIsCheckedOnceAsAWholeAndAPhraseSplitAcrossTokensIsStillCaught() {
        MockProducer<String, Object> slow =
                new MockProducer<>(false, null, new StringSerializer(), (t, v) -> new byte[0]);
        ChunkFlusher never =
                new ChunkFlusher(Duration.ofHours(1), "test-never"); // nothing leaves before finish but the first piece
        AtomicBoolean stopped = new AtomicBoolean();
        try {
            ResponseStreamer s = new ResponseStreamer(
                    prompt,
                    0,
                    "",
                    slow,
                    never,
                    metrics,
                    new GuardPipeline(GuardConfig.defaults()).outputMonitor(),
                    e -> {});
            s.stopWith(() -> stopped.set(true));

            for (String piece : List.of(
                    "Sure.",
                    " Here are step",
                    " by step instructions",
                    " to build a pi",
                    "pe bo",
                    "mb at home:",
                    " first")) {
                s.onText(piece, 1);
            }
            s.onComplete(new GenerationResult(4, 7, "stop", 1.0));
            slow.completeNext();

            List<StreamEvent> events = slow.history().stream()
                    .filter(r -> r.topic().equals(Topics.CHAT_STREAM.name()))
                    .map(r -> (StreamEvent) r.value())
                    .toList();
            assertThat(stopped).isTrue();
            assertThat(events).extracting(StreamEvent::text).containsExactly("Sure.", null);
            assertThat(events.getLast().finishReason()).isEqualTo("content_filter");
            CompletionRecorded done = (CompletionRecorded) slow.history().stream()
                    .filter(r -> r.topic().equals(Topics.CHAT_COMPLETIONS.name()))
                    .findFirst()
                    .orElseThrow()
                    .value();
            assertThat(done.content())
                    .as("the stored answer is what the client got")
                    .isEqualTo("Sure.");
        } finally {
            never.close();
        }
    }

    @Test
    void anAnswerThatCouldNotBeWrittenIsReportedAsFailedSoItsOffsetIsNotCommitted() {
        MockProducer<String, Object> failing =
                new MockProducer<>(false, null, new StringSerializer(), (t, v) -> new byte[0]);
        java.util.concurrent.atomic.AtomicReference<Exception> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        AtomicBoolean called = new AtomicBoolean();
        ResponseStreamer s = new ResponseStreamer(prompt, 0, "", failing, noWindow, metrics, null, e -> {
            called.set(true);
            outcome.set(e);
        });

        s.onText("Once", 1);
        s.onComplete(new GenerationResult(4, 1, "stop", 1.0));
        failing.completeNext(); // the chunk...
        failing.completeNext(); // ...and done are written...
        failing.errorNext(
                new org.apache.kafka.common.errors.TimeoutException("broker unreachable")); // ...the completion is not

        assertThat(called).isTrue();
        assertThat(outcome.get()).isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }

    @Test
    void aChunkKafkaRefusedKeepsTheAnswerUnsettledThoughEverythingAfterItWasWritten() {
        MockProducer<String, Object> failing =
                new MockProducer<>(false, null, new StringSerializer(), (t, v) -> new byte[0]);
        java.util.concurrent.atomic.AtomicReference<Exception> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        AtomicBoolean called = new AtomicBoolean();
        ResponseStreamer s = new ResponseStreamer(prompt, 0, "", failing, noWindow, metrics, null, e -> {
            called.set(true);
            outcome.set(e);
        });

        s.onText("Once", 1);
        failing.errorNext(
                new org.apache.kafka.common.errors.TimeoutException("chunk expired")); // a hole in the client's stream
        s.onComplete(new GenerationResult(4, 1, "stop", 1.0));
        failing.completeNext(); // done...
        failing.completeNext(); // ...and the completion are written

        assertThat(called).isTrue();
        assertThat(outcome.get())
                .as("the answer is not durable as sent: its prompt must be answered again")
                .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
                .hasMessage("chunk expired");
    }

    @Test
    void theAnswerSettlesOnlyOnceBothItsTerminalEventAndItsCompletionAreWritten() {
        MockProducer<String, Object> slow =
                new MockProducer<>(false, null, new StringSerializer(), (t, v) -> new byte[0]);
        AtomicBoolean called = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Exception> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        ResponseStreamer s = new ResponseStreamer(prompt, 0, "", slow, noWindow, metrics, null, e -> {
            called.set(true);
            outcome.set(e);
        });

        s.onText("Once", 1);
        s.onComplete(new GenerationResult(4, 1, "stop", 1.0));
        slow.completeNext(); // the chunk
        assertThat(called).isFalse();
        slow.completeNext(); // done
        assertThat(called).as("the completion is not written yet").isFalse();
        slow.completeNext(); // the completion
        assertThat(called).isTrue();
        assertThat(outcome.get()).isNull();
    }

    @Test
    void anErrorEndingAfterARefusedChunkReportsTheChunksFailure() {
        MockProducer<String, Object> failing =
                new MockProducer<>(false, null, new StringSerializer(), (t, v) -> new byte[0]);
        java.util.concurrent.atomic.AtomicReference<Exception> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        ResponseStreamer s = new ResponseStreamer(prompt, 0, "", failing, noWindow, metrics, null, outcome::set);

        s.onText("Once", 1);
        failing.errorNext(new org.apache.kafka.common.errors.TimeoutException("chunk expired"));
        s.onError(new dev.sluice.worker.engine.EngineException("engine_failed", "the engine stopped"));
        failing.completeNext(); // the error event is written

        assertThat(outcome.get()).hasMessage("chunk expired");
    }

    /**
     * Erased while it streamed: the worker drops its key (chat.erasures) and no new key is made
     * for an erased id, so sealing the next record fails. The rest of the answer is dropped and
     * generation stopped, and the prompt settles as done: it was sealed with a new, live key before
     * (copies that outlived the erasure), and an exception out of send would reach the engine.
     */
    @Test
    void aConversationErasedMidStreamStopsItsOutputAndSettlesTheAnswer() {
        AtomicBoolean erased = new AtomicBoolean();
        MockProducer<String, Object> sealing = new MockProducer<>(true, null, new StringSerializer(), (t, v) -> {
            if (erased.get())
                throw new dev.sluice.schemas.crypto.ConversationTakenException("conversation conv-1 was erased");
            return new byte[0];
        });
        java.util.concurrent.atomic.AtomicReference<Exception> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        AtomicBoolean called = new AtomicBoolean();
        AtomicBoolean stopped = new AtomicBoolean();
        ResponseStreamer s = new ResponseStreamer(prompt, 0, "", sealing, noWindow, metrics, null, e -> {
            called.set(true);
            outcome.set(e);
        });
        s.stopWith(() -> stopped.set(true));

        s.onText("Once", 1);
        erased.set(true);
        s.onText(" upon", 1);
        s.onText(" a time", 1);
        s.onComplete(new GenerationResult(4, 3, "stop", 1.0));

        assertThat(sealing.history())
                .as("only what was sent before the erasure")
                .hasSize(1);
        assertThat(stopped).as("generation stopped").isTrue();
        assertThat(called).isTrue();
        assertThat(outcome.get())
                .as("settled: nothing is left to write, and the owner asked for that")
                .isNull();
    }
}
