package dev.sluice.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.DataKeyCipher;
import dev.sluice.schemas.crypto.InMemoryDataKeyStore;
import dev.sluice.schemas.crypto.LocalKeyProvider;
import dev.sluice.schemas.event.CancelRequested;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.DeadLetter;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.kafka.DeadLetterPublisher;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.testkit.Holds;
import dev.sluice.testkit.LogConsumer;
import dev.sluice.worker.engine.Generation;
import dev.sluice.worker.engine.GenerationListener;
import dev.sluice.worker.engine.GenerationRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The worker loop against mock Kafka clients and a scripted engine: admission (never more
 * prompts than slots), offsets (committed only past answers Kafka acknowledged), dead letters,
 * cancellations that overtake their prompt, and takeover of a half-streamed answer.
 */
class WorkerLoopTest {
    private static final String PROMPTS = Topics.CHAT_PROMPTS.name();
    private static final TopicPartition P0 = new TopicPartition(PROMPTS, 0);
    private static final TopicPartition CANCELS0 = new TopicPartition(Topics.CHAT_CANCELLATIONS.name(), 0);
    static final Duration WAIT = Duration.ofSeconds(10);

    private final LogConsumer<String, byte[]> prompts = new LogConsumer<>("earliest");
    private final LogConsumer<String, CancelRequested> cancels = new LogConsumer<>("latest");
    private final MockProducer<String, DeadLetter> deadLetters =
            new MockProducer<>(true, null, new StringSerializer(), (t, v) -> new byte[0]);
    private final Map<String, ResponseHistory.Progress> streamedBefore = new ConcurrentHashMap<>();
    private MockProducer<String, Object> output =
            new MockProducer<>(true, null, new StringSerializer(), (t, v) -> new byte[0]);
    private ScriptedEngine engine = new ScriptedEngine(2);
    private WorkerLoop loop;

    @AfterEach
    void stop() {
        if (loop != null) loop.close();
    }

    @Test
    void answersAPromptAndCommitsItsOffsetOnlyOnceTheWholeAnswerIsWritten() {
        output = new MockProducer<>(false, null, new StringSerializer(), (t, v) -> new byte[0]);
        start(0);
        append(prompt("c-1", "Tell me a story"));

        ScriptedEngine.Submitted s = engine.next();
        assertThat(s.request().id()).isEqualTo("c-1");
        assertThat(s.request().prompt()).isEqualTo("rendered: Tell me a story");
        s.answer("Once", " upon");

        Holds.forAWhile(
                Duration.ofMillis(300),
                "no commit past the unanswered prompt",
                () -> committed() == null || committed() == 0L);
        while (output.completeNext()) {
            // every chunk, done and the completion acknowledged
        }
        await().atMost(WAIT).until(() -> Long.valueOf(1).equals(committed()));
        assertThat(streamEvents("c-1"))
                .extracting(StreamEvent::type)
                .containsExactly(StreamEvent.Type.CHUNK, StreamEvent.Type.CHUNK, StreamEvent.Type.DONE);
        assertThat(completion("c-1").content()).isEqualTo("Once upon");
        assertThat(loop.alive()).isTrue();
    }

    @Test
    void neverRunsMorePromptsThanTheEngineHasSlots() {
        prompts.setMaxPollRecords(2); // what WorkerClients.connect sets: max.poll.records = slots
        start(0);
        for (int i = 0; i < 5; i++) append(prompt("c-" + i, "question " + i));

        ScriptedEngine.Submitted first = engine.next();
        ScriptedEngine.Submitted second = engine.next();
        Holds.forAWhile(
                Duration.ofMillis(300), "no further prompt reached the engine", () -> engine.submitted.isEmpty());
        first.answer("one");
        // A slot is free; the next poll may return two prompts: only one may start.
        ScriptedEngine.Submitted third = engine.next();
        Holds.forAWhile(
                Duration.ofMillis(300), "no further prompt reached the engine", () -> engine.submitted.isEmpty());
        third.answer("three");
        second.answer("two");

        await().atMost(WAIT).until(() -> {
            ScriptedEngine.Submitted waiting;
            while ((waiting = engine.submitted.poll()) != null) waiting.answer("x");
            return Long.valueOf(5).equals(committed());
        });
        assertThat(engine.maxInFlight).as("prompts in the engine at once").hasValueLessThanOrEqualTo(2);
        assertThat(engine.requests)
                .extracting(GenerationRequest::id)
                .containsExactlyInAnyOrder("c-0", "c-1", "c-2", "c-3", "c-4");
    }

    @Test
    void promptsWaitingForASlotOnARevokedPartitionAreLeftToItsNextOwner() {
        engine = new ScriptedEngine(1);
        start(0);
        append(prompt("c-20", "first"));
        append(prompt("c-21", "waits for the slot"));
        ScriptedEngine.Submitted first = engine.next();

        prompts.schedulePollTask(() -> prompts.rebalance(List.of())); // the group moves the partition away
        await().atMost(WAIT).until(() -> prompts.assignment().isEmpty());
        first.answer("done");

        Holds.forAWhile(
                Duration.ofMillis(300), "no further prompt reached the engine", () -> engine.submitted.isEmpty());
        assertThat(engine.requests).extracting(GenerationRequest::id).containsExactly("c-20");
        assertThat(committed())
                .as("nothing committed past the prompt still running when the partition left")
                .isIn(null, 0L);
    }

    @Test
    void anUnreadablePromptIsDeadLetteredAndThePartitionMovesOn() {
        start(0);
        prompts.append(new ConsumerRecord<>(PROMPTS, 0, prompts.nextOffset(P0), "c-bad", "{not json".getBytes()));
        append(prompt("c-2", "after the bad one"));

        engine.next().answer("fine");

        await().atMost(WAIT).until(() -> Long.valueOf(2).equals(committed()));
        assertThat(deadLetters.history()).singleElement().satisfies(r -> {
            assertThat(r.value().topic()).isEqualTo(PROMPTS);
            assertThat(r.value().offset()).isZero();
            assertThat(r.value().consumer()).isEqualTo(WorkerLoop.GROUP);
            assertThat(r.value().reason()).isNotBlank();
        });
        assertThat(engine.requests).extracting(GenerationRequest::id).containsExactly("c-2");
    }

    @Test
    void anAnswerKafkaRefusedKeepsItsOffsetAndTurnsTheWorkerDown() {
        output = new MockProducer<>(false, null, new StringSerializer(), (t, v) -> new byte[0]);
        start(0);
        append(prompt("c-3", "first"));
        append(prompt("c-4", "second"));

        engine.next().answer("lost");
        engine.next().answer("kept");
        await().atMost(WAIT).until(() -> output.history().size() == 6);
        // Sent in this order: c-3's chunk, done, completion, then c-4's. c-3's chunk fails; the rest is written.
        assertThat(output.history().getFirst().key()).isEqualTo("c-3");
        output.errorNext(new TimeoutException("expired in the producer"));
        while (output.completeNext()) {
            // the rest
        }

        await().atMost(WAIT).until(() -> !loop.alive());
        Holds.forAWhile(
                Duration.ofMillis(300),
                "no commit past the prompt whose chunk failed",
                () -> committed() == null || committed() == 0);
    }

    @Test
    void aPromptCancelledBeforeItStartsEndsItsStreamWithoutGenerating() {
        start(0);
        cancels.append(
                new ConsumerRecord<>(CANCELS0.topic(), 0, 0, "c-5", new CancelRequested("c-5", "alice", "client", 1)));
        await().atMost(WAIT).until(() -> cancels.position(CANCELS0) == 1);

        append(prompt("c-5", "never mind"));

        await().atMost(WAIT).until(() -> Long.valueOf(1).equals(committed()));
        assertThat(streamEvents("c-5")).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(StreamEvent.Type.DONE);
            assertThat(e.finishReason()).isEqualTo("cancelled");
            assertThat(e.seq()).isEqualTo(1);
        });
        assertThat(engine.requests).isEmpty();
    }

    @Test
    void aCancelStopsARunningGeneration() {
        start(0);
        append(prompt("c-6", "a long story"));
        ScriptedEngine.Submitted s = engine.next();

        cancels.append(
                new ConsumerRecord<>(CANCELS0.topic(), 0, 0, "c-6", new CancelRequested("c-6", "alice", "client", 1)));

        await().atMost(WAIT).untilTrue(s.cancelled());
    }

    @Test
    void aCancelReadWhileItsPromptIsBeingStartedStillStopsIt() {
        engine = new ScriptedEngine(2) {
            @Override
            public Generation submit(GenerationRequest request, GenerationListener listener) {
                Generation g = super.submit(request, listener);
                // The listener reads the cancel, and finds nothing running, before the loop records this generation.
                cancels.append(new ConsumerRecord<>(
                        CANCELS0.topic(), 0, 0, request.id(), new CancelRequested(request.id(), "alice", "client", 1)));
                await().atMost(WAIT).until(() -> cancels.position(CANCELS0) == 1);
                long polled = cancels.polls();
                await().atMost(WAIT).until(() -> cancels.polls() > polled); // the poll after it: the record was handled
                return g;
            }
        };
        start(0);
        append(prompt("c-11", "stop me"));

        await().atMost(WAIT).untilTrue(engine.next().cancelled());
    }

    @Test
    void aTakenOverPromptContinuesWhatTheDeadWorkerStreamedAndOneItFinishedIsNotRepeated() {
        streamedBefore.put("c-7", new ResponseHistory.Progress(3, "Once upon", false));
        streamedBefore.put("c-8", new ResponseHistory.Progress(5, "All done.", true));
        append(prompt("c-7", "a story"));
        append(prompt("c-8", "answered already"));
        start(2); // both were on the partition when this worker got it

        ScriptedEngine.Submitted s = engine.next();
        assertThat(s.request().id()).isEqualTo("c-7");
        assertThat(s.request().continuation()).isEqualTo("Once upon");
        s.answer(" a time");

        await().atMost(WAIT).until(() -> Long.valueOf(2).equals(committed()));
        assertThat(streamEvents("c-7")).extracting(StreamEvent::seq).containsExactly(4L, 5L);
        assertThat(completion("c-7").content()).isEqualTo("Once upon a time");
        assertThat(streamEvents("c-8")).isEmpty();
        assertThat(engine.requests).extracting(GenerationRequest::id).containsExactly("c-7");
    }

    @Test
    void anEngineThatRefusesToStartAPromptEndsItsStreamWithAnErrorAndGoesOn() {
        engine = new ScriptedEngine(2) {
            @Override
            public Generation submit(GenerationRequest request, GenerationListener listener) {
                if (request.id().equals("c-9")) throw new IllegalStateException("no such adapter");
                return super.submit(request, listener);
            }
        };
        start(0);
        append(prompt("c-9", "breaks the engine"));
        append(prompt("c-10", "fine"));

        engine.next().answer("ok");

        await().atMost(WAIT).until(() -> Long.valueOf(2).equals(committed()));
        assertThat(streamEvents("c-9")).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(StreamEvent.Type.ERROR);
            assertThat(e.message()).as("no internals reach the client").doesNotContain("adapter");
        });
        assertThat(deadLetters.history()).extracting(r -> r.value().offset()).containsExactly(0L);
        assertThat(loop.alive()).isTrue();
    }

    /**
     * Sealed prompts of new conversations: the worker loads the keys of a poll's prompts in one
     * key-store call, then opens each without a query of its own (it used to ask once per prompt,
     * on the loop thread that starts every generation).
     */
    @Test
    void aPollsPromptsOfNewConversationsOpenWithOneKeyStoreCallNotOnePerPrompt() {
        InMemoryDataKeyStore keys = new InMemoryDataKeyStore();
        LocalKeyProvider master = new LocalKeyProvider(new byte[32]);
        ContentCipher gateway = new DataKeyCipher(keys, master, Duration.ofMinutes(2));
        engine = new ScriptedEngine(4);
        for (int i = 0; i < 4; i++) append(prompt("c-" + i, "secret number " + i), gateway);
        start(0, new DataKeyCipher(keys, master, Duration.ofMinutes(2)));

        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) seen.add(engine.next().request().prompt());
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        "rendered: secret number 0",
                        "rendered: secret number 1",
                        "rendered: secret number 2",
                        "rendered: secret number 3");
        assertThat(keys.finds()).as("lookups of one key each").isZero();
        assertThat(keys.batches()).as("one call per poll that brought new keys").hasSizeBetween(1, 4);
    }

    // --- harness ---
    // --- harness ---

    private void start(long endOffsetAtAssignment) {
        start(endOffsetAtAssignment, ContentCipher.DISABLED);
    }

    private void start(long endOffsetAtAssignment, ContentCipher cipher) {
        cancels.updatePartitions(
                CANCELS0.topic(), List.of(new PartitionInfo(CANCELS0.topic(), 0, null, new Node[0], new Node[0])));
        cancels.updateBeginningOffsets(Map.of(CANCELS0, 0L));
        cancels.updateEndOffsets(Map.of(CANCELS0, 0L));
        prompts.updateBeginningOffsets(Map.of(P0, 0L));
        prompts.updateEndOffsets(Map.of(P0, endOffsetAtAssignment));
        ResponseHistory history = new ResponseHistory() {
            @Override
            public Progress of(String correlationId, long sinceMs) {
                return streamedBefore.getOrDefault(correlationId, Progress.NONE);
            }

            @Override
            public void close() {}
        };
        WorkerClients clients = new WorkerClients(
                prompts, output, cancels, new DeadLetterPublisher(deadLetters, WorkerLoop.GROUP), history);
        loop = new WorkerLoop(
                        clients, "w-test", engine, new SimpleMeterRegistry(), () -> null, Duration.ZERO, true, cipher)
                .start();
        // As a real consumer does, the group assigns the partition inside a poll of the loop's thread.
        prompts.schedulePollTask(() -> prompts.rebalance(List.of(P0)));
    }

    private void append(PromptReady prompt) {
        append(prompt, ContentCipher.DISABLED);
    }

    private void append(PromptReady prompt, ContentCipher cipher) {
        byte[] value = Topics.CHAT_PROMPTS.valueSerde(cipher).serializer().serialize(PROMPTS, prompt);
        prompts.append(new ConsumerRecord<>(PROMPTS, 0, prompts.nextOffset(P0), prompt.correlationId(), value));
    }

    private static PromptReady prompt(String id, String text) {
        return new PromptReady(
                id,
                "conv-" + id,
                "alice",
                "m",
                List.of(ChatMessage.user(text)),
                "rendered: " + text,
                new Sampling(0.0, null, 50, List.of(), null),
                "key-" + id,
                System.currentTimeMillis(),
                System.currentTimeMillis());
    }

    private Long committed() {
        OffsetAndMetadata om = prompts.committed(Set.of(P0)).get(P0);
        return om == null ? null : om.offset();
    }

    private List<StreamEvent> streamEvents(String correlationId) {
        return output.history().stream()
                .filter(r -> r.topic().equals(Topics.CHAT_STREAM.name()) && correlationId.equals(r.key()))
                .map(r -> (StreamEvent) r.value())
                .toList();
    }

    private CompletionRecorded completion(String correlationId) {
        return output.history().stream()
                .filter(r -> r.topic().equals(Topics.CHAT_COMPLETIONS.name()))
                .map(r -> (CompletionRecorded) r.value())
                .filter(c -> c.correlationId().equals(correlationId))
                .findFirst()
                .orElseThrow();
    }
}
