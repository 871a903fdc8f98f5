package dev.sluice.persistence.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.embedded.EmbeddedKafka;
import dev.sluice.persistence.testing.Await;
import dev.sluice.persistence.testing.Completions;
import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import dev.sluice.persistence.testing.Sql;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.DeadLetter;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The history sink against a real broker and a real PostgreSQL, including a database outage. */
class CompletionSinkTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        kafka = EmbeddedKafka.startTemporary();
        postgres = EmbeddedPostgresServer.start();
        kafka.createTopics(3);
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        if (postgres != null) postgres.close();
        if (kafka != null) kafka.close();
    }

    private static CompletionSink sink(String group, SimpleMeterRegistry registry) {
        SinkSettings settings =
                new SinkSettings(kafka.bootstrap(), group, 500, Duration.ofMillis(100), Duration.ofSeconds(1));
        return new CompletionSink(
                "test-history", settings, new PostgresCompletionWriter(postgres.dataSource()), registry);
    }

    private static List<CompletionRecorded> conversations(String user, int conversations, int turns) {
        long t0 = System.currentTimeMillis();
        List<CompletionRecorded> out = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            String conversation = user + "-conv-" + c;
            for (int t = 0; t < turns; t++) out.add(Completions.turn(conversation, user, t, t0, ""));
        }
        return out;
    }

    private static long responsesOf(String user) throws Exception {
        return Sql.count(
                postgres.dataSource(),
                "SELECT count(*) FROM responses r JOIN conversations c ON c.id = r.conversation_id WHERE c.user_id = ?",
                user);
    }

    /** Everything the sink wrote for a user, as one digest: any change to any row changes it. */
    private static String digestOf(String user) throws Exception {
        return Sql.text(postgres.dataSource(), """
                SELECT md5(coalesce(string_agg(row_text, ',' ORDER BY row_text), '')) FROM (
                  SELECT c::text AS row_text FROM conversations c WHERE c.user_id = ?
                  UNION ALL SELECT m::text FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.user_id = ?
                  UNION ALL SELECT r::text FROM responses r JOIN conversations c ON c.id = r.conversation_id WHERE c.user_id = ?) t""", user, user, user);
    }

    @Test
    void persistsEveryCompletionOnceAndReplayingTheTopicChangesNothing() throws Exception {
        String user = "replay-" + UUID.randomUUID();
        List<CompletionRecorded> completions = conversations(user, 5, 8);
        Completions.send(kafka.bootstrap(), completions);

        try (CompletionSink first = sink("replay-a-" + user, new SimpleMeterRegistry())) {
            first.start();
            Await.equals("40 responses", WAIT, () -> responsesOf(user), 40L);
        }
        String before = digestOf(user);
        assertThat(Sql.count(
                        postgres.dataSource(),
                        "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.user_id = ?",
                        user))
                .isEqualTo(80);

        // The same events again on the topic, and a fresh group that reads the topic from the start.
        Completions.send(kafka.bootstrap(), completions);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CompletionSink replay = sink("replay-b-" + user, registry)) {
            replay.start();
            Await.until(
                    "the replaying sink to take all 80 events",
                    WAIT,
                    () -> registry.counter(
                                    "sluice.persistence.completions", "sink", "test-history", "outcome", "stored")
                            .count(),
                    n -> n >= 80);
        }
        assertThat(responsesOf(user)).isEqualTo(40);
        assertThat(digestOf(user)).isEqualTo(before);
    }

    @Test
    void waitsOutAPostgresOutageAndPersistsEveryCompletionExactlyOnce() throws Exception {
        String user = "outage-" + UUID.randomUUID();
        List<CompletionRecorded> completions = conversations(user, 10, 30);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CompletionSink sink = sink("outage-" + user, registry)) {
            sink.start();
            Completions.send(kafka.bootstrap(), completions.subList(0, 100));
            Await.equals("the first 100 responses", WAIT, () -> responsesOf(user), 100L);

            postgres.stop();
            Completions.send(kafka.bootstrap(), completions.subList(100, 300));
            Await.until(
                    "the sink to notice the outage",
                    WAIT,
                    () -> registry.counter("sluice.persistence.write.failures", "sink", "test-history")
                            .count(),
                    n -> n >= 1);
            postgres.restart();

            Await.equals("all 300 responses after the restart", WAIT, () -> responsesOf(user), 300L);
        }
        assertThat(Sql.count(
                        postgres.dataSource(),
                        "SELECT count(DISTINCT m.id) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.user_id = ?",
                        user))
                .isEqualTo(600);
        assertThat(Sql.count(postgres.dataSource(), "SELECT count(*) FROM conversations WHERE user_id = ?", user))
                .isEqualTo(10);
    }

    @Test
    void sendsAnUnreadableRecordToTheDeadLetterTopicAndMovesOn() throws Exception {
        String user = "poison-" + UUID.randomUUID();
        String conversation = user + "-conv";
        Completions.sendRaw(kafka.bootstrap(), conversation, "{not json".getBytes(StandardCharsets.UTF_8));
        Completions.send(
                kafka.bootstrap(), List.of(Completions.turn(conversation, user, 0, System.currentTimeMillis(), "")));

        try (CompletionSink sink = sink("poison-" + user, new SimpleMeterRegistry())) {
            sink.start();
            Await.equals("the good completion behind the poison record", WAIT, () -> responsesOf(user), 1L);
        }

        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(kafka.bootstrap(), "dlq-reader-" + user, "dlq-reader"),
                new StringDeserializer(),
                Topics.DEAD_LETTER.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER.name()));
            DeadLetter letter = Await.until(
                    "the dead letter",
                    WAIT,
                    () -> {
                        for (ConsumerRecord<String, DeadLetter> r : consumer.poll(Duration.ofMillis(200))) {
                            if (conversation.equals(r.key())) return r.value();
                        }
                        return null;
                    },
                    v -> v != null);
            assertThat(letter.topic()).isEqualTo(Topics.CHAT_COMPLETIONS.name());
            assertThat(letter.value()).isEqualTo("{not json");
            assertThat(letter.reason()).contains("cannot read CompletionRecorded");
            assertThat(letter.consumer()).isEqualTo("poison-" + user);
        }
    }

    /**
     * One batch with a record PostgreSQL can never take (a conversation id with U+0000, which no
     * text column accepts) between good ones, and an answer whose content holds U+0000. Before,
     * the whole batch rewound and retried forever and history stopped for every user.
     */
    @Test
    void aRecordThePostgresRefusesIsRetriedAloneThenDeadLetteredAndTheBatchMovesOn() throws Exception {
        String user = "refused-" + UUID.randomUUID();
        long t0 = System.currentTimeMillis();
        CompletionRecorded before = Completions.turn(user + "-a", user, 0, t0, "");
        CompletionRecorded refused = Completions.turn(user + "-\0-b", user, 0, t0, "");
        CompletionRecorded withNul = withContent(Completions.turn(user + "-c", user, 0, t0, ""), "byte\0fallback");
        CompletionRecorded after = Completions.turn(user + "-d", user, 0, t0, "");
        Completions.send(kafka.bootstrap(), List.of(before, refused, withNul, after));

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CompletionSink sink = sink("refused-" + user, registry)) {
            sink.start();
            Await.equals("the three storable completions", WAIT, () -> responsesOf(user), 3L);
            Await.until(
                    "the refused one dead-lettered",
                    WAIT,
                    () -> registry.counter(
                                    "sluice.persistence.completions", "sink", "test-history", "outcome", "dead_letter")
                            .count(),
                    n -> n >= 1);
            // The sink is not stuck: a completion sent now is stored too.
            Completions.send(kafka.bootstrap(), List.of(Completions.turn(user + "-e", user, 0, t0, "")));
            Await.equals("a completion sent after the refused one", WAIT, () -> responsesOf(user), 4L);
        }
        assertThat(Sql.text(
                        postgres.dataSource(), "SELECT content FROM messages WHERE id = ?", withNul.correlationId()))
                .isEqualTo("byte\uFFFDfallback");

        DeadLetter letter = deadLetterFor(refused.conversationId(), user);
        assertThat(letter.topic()).isEqualTo(Topics.CHAT_COMPLETIONS.name());
        assertThat(letter.reason()).contains("refused it 3 times").contains("SQLState 22021");
        assertThat(letter.consumer()).isEqualTo("refused-" + user);
    }

    private static CompletionRecorded withContent(CompletionRecorded c, String content) {
        return new CompletionRecorded(
                c.correlationId(),
                c.conversationId(),
                c.userId(),
                c.model(),
                c.userMessage(),
                content,
                c.usage(),
                c.finishReason(),
                c.cached(),
                c.cacheKey(),
                c.timings());
    }

    private static DeadLetter deadLetterFor(String key, String reader) throws Exception {
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(kafka.bootstrap(), "dlq-reader-" + reader, "dlq-reader"),
                new StringDeserializer(),
                Topics.DEAD_LETTER.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER.name()));
            return Await.until(
                    "the dead letter of " + key,
                    WAIT,
                    () -> {
                        for (ConsumerRecord<String, DeadLetter> r : consumer.poll(Duration.ofMillis(200))) {
                            if (key.equals(r.key())) return r.value();
                        }
                        return null;
                    },
                    v -> v != null);
        }
    }

    /**
     * With a batch wait the broker holds the sink's fetch, so completions that arrive apart are
     * written together: five sent 50 ms apart reach the writer in one batch (two if a fetch's wait
     * happens to end among them), where with no wait each would be a write of its own.
     */
    @Test
    void aBatchWaitGathersCompletionsThatArriveApartIntoOneWrite() throws Exception {
        String user = "batched-" + UUID.randomUUID();
        List<Integer> batchesWithMine = Collections.synchronizedList(new ArrayList<>());
        CompletionWriter counting = batch -> {
            int mine = (int) batch.stream()
                    .filter(c -> c.userId().equals(user) && c.conversationId().endsWith("-conv-1"))
                    .count();
            if (mine > 0) batchesWithMine.add(mine);
            return List.of();
        };
        SinkSettings settings = new SinkSettings(
                kafka.bootstrap(),
                "batched-" + user,
                500,
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                SinkSettings.DEFAULT_ISOLATED_ATTEMPTS,
                Duration.ofSeconds(3));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CompletionSink sink = new CompletionSink("test-batched", settings, counting, registry);
                KafkaProducer<String, CompletionRecorded> producer = new KafkaProducer<>(
                        KafkaClients.producer(kafka.bootstrap(), "test-batched"),
                        new StringSerializer(),
                        Topics.CHAT_COMPLETIONS.valueSerde().serializer())) {
            sink.start();
            // One completion first: once it is written the sink is assigned, caught up and waiting on its next fetch.
            Completions.send(kafka.bootstrap(), conversations(user, 1, 1));
            Await.until(
                    "the first completion to be written",
                    WAIT,
                    () -> registry.counter(
                                    "sluice.persistence.completions", "sink", "test-batched", "outcome", "stored")
                            .count(),
                    n -> n >= 1);
            List<CompletionRecorded> apart = conversations(user, 2, 5).subList(5, 10);
            for (CompletionRecorded c : apart) {
                producer.send(new ProducerRecord<>(Topics.CHAT_COMPLETIONS.name(), c.conversationId(), c))
                        .get();
                Thread.sleep(50);
            }
            Await.until(
                    "the five to be written",
                    WAIT,
                    () -> batchesWithMine.stream().mapToInt(Integer::intValue).sum(),
                    n -> n >= 5);
        }
        assertThat(batchesWithMine.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5);
        assertThat(batchesWithMine).as("writes that carried the five").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aBatchWaitOutsideZeroToFiveSecondsIsRefused() {
        assertThatThrownBy(() -> SinkSettings.defaults("b:9092", "g", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch wait");
        assertThatThrownBy(() -> SinkSettings.defaults("b:9092", "g", Duration.ofSeconds(6)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
