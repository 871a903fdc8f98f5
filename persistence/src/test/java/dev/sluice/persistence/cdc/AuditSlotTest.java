package dev.sluice.persistence.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedKafka;
import dev.sluice.persistence.erasure.ConversationEraser;
import dev.sluice.persistence.erasure.ErasurePropagator;
import dev.sluice.persistence.sink.PostgresCompletionWriter;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The replication slot exists before anything is written, so a change committed before Debezium
 * has connected is still captured. Found in the integration suite: a stack started in a warm JVM
 * served a chat and its erasure before the engine had created the slot, and the erasure was never
 * confirmed (no audit record, no Redis clean-up, no erasure event); with the slot left to
 * Debezium this test misses both the rows and their deletion.
 */
class AuditSlotTest {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @Test
    void changesCommittedBeforeTheEngineConnectsAreCapturedErasureIncluded() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary();
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
                EmbeddedRedisServer redis = EmbeddedRedisServer.start()) {
            kafka.createTopics(1);
            CdcSettings settings =
                    CdcSettings.fromJdbcUrl(postgres.jdbcUrl(), "postgres", "", kafka.bootstrap(), (short) 1);
            try (StatefulRedisConnection<String, String> redisConnection =
                            redis.client().connect();
                    KafkaProducer<String, String> auditProducer = new KafkaProducer<>(
                            KafkaClients.producer(kafka.bootstrap(), "audit"),
                            new StringSerializer(),
                            new StringSerializer());
                    KafkaProducer<String, ConversationErased> erasureProducer = new KafkaProducer<>(
                            KafkaClients.producer(kafka.bootstrap(), "erasures"),
                            new StringSerializer(),
                            Topics.CHAT_ERASURES.valueSerde().serializer());
                    CdcMetrics metrics = new CdcMetrics(
                            registry, postgres.dataSource(), settings.slotName(), Duration.ofSeconds(1));
                    AuditStream audit = new AuditStream(
                            settings,
                            auditProducer,
                            new ErasurePropagator(redisConnection, erasureProducer, Duration.ofHours(1), registry),
                            metrics,
                            Clock.systemUTC())) {
                // What start() does first, before the engine: the slot.
                audit.ensureSlot();
                audit.ensureSlot(); // and again, as a second instance would: no error
                assertThat(Sql.count(
                                postgres.dataSource(),
                                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?",
                                settings.slotName()))
                        .isEqualTo(1L);

                // A first chat stored and erased while the engine has not connected yet.
                CompletionRecorded turn = Completions.turn("early-conv", "ella", 0, System.currentTimeMillis(), "");
                new PostgresCompletionWriter(postgres.dataSource()).write(List.of(turn));
                assertThat(new ConversationEraser(postgres.dataSource()).erase("ella", "early-conv"))
                        .isTrue();

                audit.start();

                List<JsonNode> events = new ArrayList<>();
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                        KafkaClients.consumer(kafka.bootstrap(), null, "audit-slot-reader"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
                    List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUDIT.name()).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    Await.until(
                            "the early conversation's insert and delete on the audit topic",
                            WAIT,
                            () -> {
                                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                                    if ("early-conv".equals(r.key()) && r.value() != null)
                                        events.add(Json.MAPPER.readTree(r.value()));
                                }
                                return events;
                            },
                            seen -> seen.stream()
                                            .anyMatch(
                                                    e -> "d".equals(e.path("op").asString()))
                                    && seen.stream()
                                            .anyMatch(
                                                    e -> "c".equals(e.path("op").asString())));
                }
                assertThat(events)
                        .filteredOn(e -> "d".equals(e.path("op").asString()))
                        .first()
                        .satisfies(
                                e -> assertThat(e.path("before").path("user_id").asString())
                                        .isEqualTo("ella"));
            }
        }
    }
}
