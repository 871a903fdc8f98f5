package dev.sluice.persistence.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.persistence.testing.Completions;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.DeadLetter;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.testkit.Holds;
import dev.sluice.testkit.LogConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sink's loop over mock Kafka clients and a scripted writer: what is committed when, a
 * failed write retried from the batch's first record, dead letters acknowledged before their
 * offsets move, and a sink whose poll fails for good reporting itself stopped. The same sink
 * against a real broker and PostgreSQL is {@link CompletionSinkTest}.
 */
class CompletionSinkLoopTest {
    private static final String TOPIC = Topics.CHAT_COMPLETIONS.name();
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LogConsumer<String, byte[]> consumer = new LogConsumer<>("earliest");
    private MockProducer<String, DeadLetter> deadLetters =
            new MockProducer<>(true, null, new StringSerializer(), (t, v) -> new byte[0]);
    private final List<List<String>> writes = Collections.synchronizedList(new ArrayList<>());
    private CompletionSink sink;

    @AfterEach
    void stop() {
        if (sink != null) sink.close();
    }

    @Test
    void aFailedWriteIsRetriedFromTheBatchsFirstRecordAndCommittedOnlyOnceWritten() {
        AtomicInteger calls = new AtomicInteger();
        List<Long> committedDuringFailure = Collections.synchronizedList(new ArrayList<>());
        start(batch -> {
            writes.add(ids(batch));
            if (calls.incrementAndGet() == 1) {
                committedDuringFailure.add(committed() == null ? -1 : committed());
                throw new IllegalStateException("database restarting");
            }
            return List.of();
        });
        List<CompletionRecorded> turns = List.of(turn(0), turn(1), turn(2));
        turns.forEach(this::append);
        go();

        await().atMost(WAIT).until(() -> Long.valueOf(3).equals(committed()));
        assertThat(writes).hasSize(2);
        assertThat(writes.get(1))
                .as("the retry is the same batch, from its first record")
                .isEqualTo(writes.get(0))
                .isEqualTo(ids(turns));
        assertThat(committedDuringFailure).containsExactly(-1L);
        assertThat(sink.alive()).isTrue();
    }

    @Test
    void anUnreadableRecordsOffsetMovesOnlyOnceItsDeadLetterIsWritten() {
        deadLetters = new MockProducer<>(false, null, new StringSerializer(), (t, v) -> new byte[0]);
        start(batch -> {
            writes.add(ids(batch));
            return List.of();
        });
        consumer.append(new ConsumerRecord<>(TOPIC, 0, 0, "conv-x", "{not json".getBytes()));
        CompletionRecorded good = turn(1);
        append(good);
        go();

        await().atMost(WAIT).until(() -> deadLetters.history().size() == 1);
        Holds.forAWhile(
                Duration.ofMillis(300), "no commit before the dead letter is acknowledged", () -> committed() == null);
        deadLetters.completeNext();

        await().atMost(WAIT).until(() -> Long.valueOf(2).equals(committed()));
        DeadLetter letter = deadLetters.history().getFirst().value();
        assertThat(letter.topic()).isEqualTo(TOPIC);
        assertThat(letter.offset()).isZero();
        assertThat(letter.reason()).isNotBlank();
        assertThat(writes).containsExactly(List.of(good.correlationId()));
    }

    @Test
    void aDeadLetterKafkaRefusedKeepsTheOffsetAndTheBatchIsTriedAgain() {
        deadLetters = new MockProducer<>(false, null, new StringSerializer(), (t, v) -> new byte[0]);
        start(batch -> {
            writes.add(ids(batch));
            return List.of();
        });
        consumer.append(new ConsumerRecord<>(TOPIC, 0, 0, "conv-x", "{not json".getBytes()));
        append(turn(1));
        go();

        await().atMost(WAIT).until(() -> deadLetters.history().size() == 1);
        deadLetters.errorNext(new org.apache.kafka.common.errors.TimeoutException("dead letter expired"));
        await().atMost(WAIT).until(() -> deadLetters.history().size() == 2);
        assertThat(committed())
                .as("nothing moved past the record whose dead letter failed")
                .isNull();
        deadLetters.completeNext();

        await().atMost(WAIT).until(() -> Long.valueOf(2).equals(committed()));
        assertThat(writes)
                .as("the batch was written again (writers are idempotent)")
                .hasSize(2);
    }

    @Test
    void aSinkWhosePollFailsForGoodReportsItselfStopped() {
        start(batch -> List.of());
        append(turn(0));
        go();
        await().atMost(WAIT).until(() -> Long.valueOf(1).equals(committed()));
        assertThat(sink.alive()).isTrue();

        consumer.setPollException(new TopicAuthorizationException(Set.of(TOPIC)));

        await().atMost(WAIT).until(() -> !sink.alive());
    }

    // --- harness ---

    private void start(CompletionWriter writer) {
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 0L));
        SinkSettings settings =
                new SinkSettings("unused:9092", "test-sink", 500, Duration.ofMillis(20), Duration.ofMillis(100));
        sink = new CompletionSink(
                "test-sink",
                settings,
                writer,
                new SimpleMeterRegistry(),
                ContentCipher.DISABLED,
                consumer,
                deadLetters);
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0)));
    }

    /** Starts the sink once the test's records are appended, so its first poll sees them all. */
    private void go() {
        sink.start();
    }

    private void append(CompletionRecorded c) {
        byte[] value = Topics.CHAT_COMPLETIONS
                .valueSerde(ContentCipher.DISABLED)
                .serializer()
                .serialize(TOPIC, c);
        consumer.append(new ConsumerRecord<>(TOPIC, 0, consumer.nextOffset(P0), c.conversationId(), value));
    }

    private static CompletionRecorded turn(int i) {
        return Completions.turn("conv-loop", "alice", i, System.currentTimeMillis(), "");
    }

    private static List<String> ids(List<CompletionRecorded> batch) {
        return batch.stream().map(CompletionRecorded::correlationId).toList();
    }

    private Long committed() {
        OffsetAndMetadata om = consumer.committed(Set.of(P0)).get(P0);
        return om == null ? null : om.offset();
    }
}
