package dev.sluice.persistence.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedKafka;
import dev.sluice.persistence.cache.RedisResponseStore;
import dev.sluice.persistence.erasure.ConversationEraser;
import dev.sluice.persistence.erasure.ErasurePropagator;
import dev.sluice.persistence.sink.CompletionSink;
import dev.sluice.persistence.sink.PostgresCompletionWriter;
import dev.sluice.persistence.sink.SinkSettings;
import dev.sluice.persistence.testing.Await;
import dev.sluice.persistence.testing.Completions;
import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import dev.sluice.persistence.testing.EmbeddedRedisServer;
import dev.sluice.persistence.testing.Sql;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.ConversationErased;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.serde.Json;
import dev.sluice.schemas.topic.Topics;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole persistence role on real infrastructure: completions reach PostgreSQL and Redis,
 * their rows reach the audit topic through Debezium, and an erasure leaves no trace.
 */
class AuditAndErasureTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedRedisServer redisServer;
    private static StatefulRedisConnection<String, String> redisConnection;
    private static KafkaProducer<String, String> auditProducer;
    private static KafkaProducer<String, ConversationErased> erasureProducer;
    private static CdcMetrics cdcMetrics;
    private static AuditStream audit;
    private static CdcSettings settings;
    private static ErasurePropagator erasure;
    private static CompletionSink historySink;
    private static CompletionSink cacheSink;
    private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void startRole() throws Exception {
        kafka = EmbeddedKafka.startTemporary();
        postgres = EmbeddedPostgresServer.start();
        redisServer = EmbeddedRedisServer.start();
        kafka.createTopics(2);
        redisConnection = redisServer.client().connect();

        auditProducer = new KafkaProducer<>(
                KafkaClients.producer(kafka.bootstrap(), "audit"), new StringSerializer(), new StringSerializer());
        erasureProducer = new KafkaProducer<>(
                KafkaClients.producer(kafka.bootstrap(), "erasures"),
                new StringSerializer(),
                Topics.CHAT_ERASURES.valueSerde().serializer());
        settings = CdcSettings.fromJdbcUrl(postgres.jdbcUrl(), "postgres", "", kafka.bootstrap(), (short) 1);
        cdcMetrics = new CdcMetrics(registry, postgres.dataSource(), settings.slotName(), Duration.ofMillis(200));
        erasure = new ErasurePropagator(redisConnection, erasureProducer, Duration.ofHours(1), registry);
        audit = new AuditStream(settings, auditProducer, erasure, cdcMetrics, Clock.systemUTC());
        audit.start();
        Await.equals(
                "the replication slot",
                WAIT,
                () -> Sql.count(
                        postgres.dataSource(),
                        "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'sluice_audit' AND active"),
                1L);

        historySink = new CompletionSink(
                "history",
                SinkSettings.defaults(kafka.bootstrap(), "history"),
                new PostgresCompletionWriter(postgres.dataSource()),
                registry);
        cacheSink = new CompletionSink(
                "cache",
                SinkSettings.defaults(kafka.bootstrap(), "cache"),
                new RedisResponseStore(redisConnection, Duration.ofHours(1), Clock.systemUTC(), registry),
                registry);
        historySink.start();
        cacheSink.start();
    }

    @AfterAll
    static void stopRole() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {
            historySink, cacheSink, audit, cdcMetrics, auditProducer, erasureProducer, redisConnection
        }) {
            if (c != null) c.close();
        }
        if (redisServer != null) redisServer.close();
        if (postgres != null) postgres.close();
        if (kafka != null) kafka.close();
    }

    /** Reads a topic from the start until {@code done} holds for what was read so far. */
    private static <V> List<ConsumerRecord<String, V>> read(
            String topic,
            org.apache.kafka.common.serialization.Deserializer<V> values,
            java.util.function.Predicate<List<ConsumerRecord<String, V>>> done)
            throws Exception {
        List<ConsumerRecord<String, V>> seen = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(kafka.bootstrap(), null, "reader"), new StringDeserializer(), values)) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return Await.until(
                    "records on " + topic,
                    WAIT,
                    () -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                        return seen;
                    },
                    done);
        }
    }

    @Test
    void streamsRowChangesToTheAuditTopicWithoutUserText() throws Exception {
        String conversation = "audited-conv";
        CompletionRecorded c = Completions.turn(conversation, "dora", 0, System.currentTimeMillis(), "");
        Completions.send(kafka.bootstrap(), List.of(c));

        List<ConsumerRecord<String, String>> events = read(
                Topics.AUDIT.name(),
                new StringDeserializer(),
                seen -> seen.stream()
                        .map(ConsumerRecord::key)
                        .toList()
                        .containsAll(List.of(
                                conversation,
                                c.correlationId(),
                                PostgresCompletionWriter.userMessageId(c.correlationId()))));

        Map<String, JsonNode> byTableAndKey = new HashMap<>();
        for (ConsumerRecord<String, String> e : events) {
            JsonNode value = Json.MAPPER.readTree(e.value());
            byTableAndKey.put(value.path("source").path("table").asString() + "/" + e.key(), value);
        }
        JsonNode assistant = byTableAndKey.get("messages/" + c.correlationId());
        assertThat(assistant.path("op").asString()).isEqualTo("c");
        assertThat(assistant.path("after").path("conversation_id").asString()).isEqualTo(conversation);
        assertThat(assistant.path("after").path("role").asString()).isEqualTo("assistant");
        assertThat(assistant.path("after").has("content")).isFalse();
        assertThat(byTableAndKey
                        .get("messages/" + PostgresCompletionWriter.userMessageId(c.correlationId()))
                        .path("after")
                        .path("role")
                        .asString())
                .isEqualTo("user");
        assertThat(byTableAndKey.keySet()).noneMatch(k -> k.startsWith("responses/"));
        assertThat(byTableAndKey
                        .get("conversations/" + conversation)
                        .path("after")
                        .path("user_id")
                        .asString())
                .isEqualTo("dora");
        assertThat(byTableAndKey
                        .get("conversations/" + conversation)
                        .path("after")
                        .has("title"))
                .isFalse();
        for (ConsumerRecord<String, String> e : events)
            assertThat(e.value()).doesNotContain(c.content()).doesNotContain(c.userMessage());

        Await.until("the slot lag gauge to read the slot", WAIT, cdcMetrics::slotLagBytes, bytes -> bytes >= 0);
        assertThat(registry.get("sluice.cdc.events")
                        .tag("table", "messages")
                        .tag("op", "c")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("sluice.cdc.lag").gauge().value()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void resumesFromItsStoredOffsetsAfterARestartWithoutLosingChangesMadeWhileDown() throws Exception {
        CompletionRecorded before = Completions.turn("restart-conv-1", "rita", 0, System.currentTimeMillis(), "");
        Completions.send(kafka.bootstrap(), List.of(before));
        read(
                Topics.AUDIT.name(),
                new StringDeserializer(),
                seen -> seen.stream().anyMatch(r -> r.key().equals(before.correlationId())));
        Await.until(
                "offsets stored in Kafka",
                WAIT,
                () -> read(settings.offsetsTopic(), new StringDeserializer(), seen -> !seen.isEmpty())
                        .size(),
                n -> n > 0);

        audit.close();
        CompletionRecorded whileDown = Completions.turn("restart-conv-2", "rita", 0, System.currentTimeMillis(), "");
        Completions.send(kafka.bootstrap(), List.of(whileDown));
        Await.equals(
                "the row written while capture was down",
                WAIT,
                () -> Sql.count(
                        postgres.dataSource(), "SELECT count(*) FROM messages WHERE id = ?", whileDown.correlationId()),
                1L);
        audit = new AuditStream(settings, auditProducer, erasure, cdcMetrics, Clock.systemUTC());
        audit.start();

        List<ConsumerRecord<String, String>> events = read(
                Topics.AUDIT.name(),
                new StringDeserializer(),
                seen -> seen.stream().anyMatch(r -> r.key().equals(whileDown.correlationId())));
        // Resumed from the stored position, not from scratch: the first row was not captured again.
        assertThat(events.stream().filter(r -> r.key().equals("restart-conv-1")).count())
                .isEqualTo(1);
    }

    @Test
    void erasingAConversationLeavesNoTraceInPostgresOrRedisAndPublishesTheErasure() throws Exception {
        String doomed = "doomed-conv";
        String kept = "kept-conv";
        long t0 = System.currentTimeMillis();
        List<CompletionRecorded> completions = List.of(
                Completions.turn(doomed, "erin", 0, t0, "key-doomed-0"),
                Completions.turn(doomed, "erin", 1, t0, "key-doomed-1"),
                Completions.turn(kept, "erin", 0, t0, "key-kept-0"));
        Completions.send(kafka.bootstrap(), completions);
        RedisCommands<String, String> redis = redisConnection.sync();
        Await.equals(
                "both conversations' answers in Redis",
                WAIT,
                () -> redis.exists("sluice:cache:key-doomed-0", "sluice:cache:key-doomed-1", "sluice:cache:key-kept-0"),
                3L);
        Await.equals(
                "the rows in PostgreSQL",
                WAIT,
                () -> Sql.count(
                        postgres.dataSource(),
                        "SELECT count(*) FROM responses WHERE conversation_id IN (?, ?)",
                        doomed,
                        kept),
                3L);

        assertThat(new ConversationEraser(postgres.dataSource()).erase("erin", doomed))
                .isTrue();

        List<ConsumerRecord<String, ConversationErased>> erasures = read(
                Topics.CHAT_ERASURES.name(),
                Topics.CHAT_ERASURES.valueSerde().deserializer(),
                seen -> seen.stream().anyMatch(r -> doomed.equals(r.key())));
        ConversationErased event = erasures.stream()
                .filter(r -> doomed.equals(r.key()))
                .findFirst()
                .orElseThrow()
                .value();
        assertThat(event.conversationId()).isEqualTo(doomed);
        assertThat(event.userId()).isEqualTo("erin");

        Await.equals(
                "the doomed answers gone from Redis",
                WAIT,
                () -> redis.exists(
                        "sluice:cache:key-doomed-0", "sluice:cache:key-doomed-1", "sluice:conv-cache:" + doomed),
                0L);
        assertThat(redis.exists("sluice:cache:key-kept-0")).isEqualTo(1L);
        for (String table : List.of("messages", "responses")) {
            assertThat(Sql.count(
                            postgres.dataSource(),
                            "SELECT count(*) FROM " + table + " WHERE conversation_id = ?",
                            doomed))
                    .isZero();
        }
        assertThat(Sql.count(postgres.dataSource(), "SELECT count(*) FROM conversations WHERE id = ?", doomed))
                .isZero();
        assertThat(Sql.count(postgres.dataSource(), "SELECT count(*) FROM messages WHERE conversation_id = ?", kept))
                .isEqualTo(2);

        // A late completion of the erased conversation, then one of another: the late one stays out.
        Completions.send(
                kafka.bootstrap(),
                List.of(
                        Completions.turn(doomed, "erin", 2, t0, "key-doomed-2"),
                        Completions.turn(kept, "erin", 1, t0, "key-kept-1")));
        Await.equals(
                "the later answer of the kept conversation",
                WAIT,
                () -> Sql.count(
                        postgres.dataSource(), "SELECT count(*) FROM responses WHERE conversation_id = ?", kept),
                2L);
        Await.equals("the later answer cached", WAIT, () -> redis.exists("sluice:cache:key-kept-1"), 1L);
        assertThat(Sql.count(postgres.dataSource(), "SELECT count(*) FROM messages WHERE conversation_id = ?", doomed))
                .isZero();
        assertThat(redis.exists("sluice:cache:key-doomed-2")).isZero();
        assertThat(Set.copyOf(redis.keys("*" + doomed + "*"))).containsExactly("sluice:erased:" + doomed);
    }
}
