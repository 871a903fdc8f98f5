package dev.sluice.bench.crypto;

import dev.sluice.embedded.EmbeddedKafka;
import dev.sluice.persistence.erasure.ConversationEraser;
import dev.sluice.persistence.sink.PostgresCompletionWriter;
import dev.sluice.persistence.testing.Completions;
import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import dev.sluice.schemas.crypto.ContentScope;
import dev.sluice.schemas.crypto.DataKeyCipher;
import dev.sluice.schemas.crypto.JdbcDataKeyStore;
import dev.sluice.schemas.crypto.LocalKeyProvider;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.serde.Json;
import dev.sluice.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Erasure confirmation latency, as issue 16 defines it: from {@code DELETE} (the eraser's call:
 * rows and data key in one transaction) to the audit stream's {@code erasure_confirmed} record,
 * written once Redis is clean and {@code chat.erasures} acknowledged the event that drops every
 * cached key. Real broker, PostgreSQL (logical WAL, Debezium, {@code synchronous_commit=on}) and
 * Redis; erasures one after another, each conversation with a stored history and a data key.
 */
final class ErasureLatency {

    static List<Long> measureMillis(int warmUp, int erasures) throws Exception {
        List<Long> latencies = new ArrayList<>();
        try (AuditedDatabase db = new AuditedDatabase(Map.of("synchronous_commit", "on"))) {
            EmbeddedKafka kafka = db.kafka;
            EmbeddedPostgresServer postgres = db.postgres;
            Map<String, Long> confirmedAt = new ConcurrentHashMap<>();
            try (ConfirmationProbe probe = new ConfirmationProbe(kafka.bootstrap(), confirmedAt)) {
                int total = warmUp + erasures;
                DataKeyCipher keys = new DataKeyCipher(
                        new JdbcDataKeyStore(postgres.dataSource()),
                        new LocalKeyProvider(new byte[32]),
                        Duration.ofMinutes(2));
                List<CompletionRecorded> history = new ArrayList<>();
                long t0 = System.currentTimeMillis() - 60_000;
                for (int i = 0; i < total; i++) {
                    String conversation = "erase-bench-" + i;
                    history.add(Completions.turn(conversation, "user-" + i, 0, t0, ""));
                    keys.require(new ContentScope("user-" + i, conversation));
                }
                new PostgresCompletionWriter(postgres.dataSource()).write(history);
                ConversationEraser eraser = new ConversationEraser(postgres.dataSource());
                for (int i = 0; i < total; i++) {
                    String conversation = "erase-bench-" + i;
                    long start = System.nanoTime();
                    if (!eraser.erase("user-" + i, conversation))
                        throw new IllegalStateException("nothing erased for " + conversation);
                    long deadline = start + Duration.ofSeconds(60).toNanos();
                    while (!confirmedAt.containsKey(conversation)) {
                        if (System.nanoTime() > deadline)
                            throw new IllegalStateException("no confirmation for " + conversation + " in 60 s");
                        Thread.sleep(1);
                    }
                    if (i >= warmUp) latencies.add((confirmedAt.get(conversation) - start) / 1_000_000);
                }
                try (var c = postgres.dataSource().getConnection();
                        var s = c.createStatement();
                        var rs = s.executeQuery(
                                "SELECT count(*) FROM data_keys WHERE conversation_id LIKE 'erase-bench-%'")) {
                    rs.next();
                    if (rs.getLong(1) != 0)
                        throw new IllegalStateException(rs.getLong(1) + " data keys survived their erasure");
                }
            }
        }
        return latencies;
    }

    /** Notes, by conversation, the {@code System.nanoTime()} at which its confirmation became readable. */
    private static final class ConfirmationProbe implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        ConfirmationProbe(String bootstrap, Map<String, Long> confirmedAt) {
            consumer = new KafkaConsumer<>(
                    KafkaClients.consumer(bootstrap, null, "bench-erasure-probe"),
                    new StringDeserializer(),
                    new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUDIT.name()).stream()
                    .map(p -> new TopicPartition(Topics.AUDIT.name(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = Thread.ofPlatform().name("bench-erasure-probe").start(() -> {
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                        if (r.value() == null || !r.value().contains("erasure_confirmed")) continue;
                        JsonNode json = Json.MAPPER.readTree(r.value().getBytes(StandardCharsets.UTF_8));
                        confirmedAt.putIfAbsent(json.path("conversation_id").asString(), System.nanoTime());
                    }
                }
                consumer.close(Duration.ofSeconds(2));
            });
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }

    private ErasureLatency() {}
}
