package dev.sluice.bench.crypto;

import dev.sluice.bench.persistence.PersistenceBench;
import dev.sluice.embedded.EmbeddedKafka;
import dev.sluice.persistence.cdc.AuditStream;
import dev.sluice.persistence.cdc.CdcMetrics;
import dev.sluice.persistence.cdc.CdcSettings;
import dev.sluice.persistence.erasure.ErasurePropagator;
import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import dev.sluice.persistence.testing.EmbeddedRedisServer;
import dev.sluice.schemas.event.ConversationErased;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real broker, PostgreSQL and Redis with the audit stream (Debezium) reading PostgreSQL's WAL
 * and the erasure propagator behind it, as in dev: what a crypto benchmark measures against, so
 * each transaction also pays its logical decoding. Started with the replication slot ready.
 */
final class AuditedDatabase implements AutoCloseable {
    final EmbeddedKafka kafka;
    final EmbeddedPostgresServer postgres;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** @param postgresConfig settings over the embedded defaults (benchmarks turn durability back on) */
    AuditedDatabase(Map<String, String> postgresConfig) throws Exception {
        try {
            kafka = opened(EmbeddedKafka.startTemporary());
            postgres = opened(EmbeddedPostgresServer.start(postgresConfig));
            EmbeddedRedisServer redis = opened(EmbeddedRedisServer.start());
            kafka.createTopics(Map.of());
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            CdcSettings cdc = CdcSettings.fromJdbcUrl(postgres.jdbcUrl(), "postgres", "", kafka.bootstrap(), (short) 1);
            StatefulRedisConnection<String, String> redisConnection =
                    opened(redis.client().connect());
            KafkaProducer<String, String> auditProducer = opened(new KafkaProducer<>(
                    KafkaClients.producer(kafka.bootstrap(), "bench-audit"),
                    new StringSerializer(),
                    new StringSerializer()));
            KafkaProducer<String, ConversationErased> erasureEvents = opened(new KafkaProducer<>(
                    KafkaClients.producer(kafka.bootstrap(), "bench-erasures"),
                    new StringSerializer(),
                    Topics.CHAT_ERASURES.valueSerde().serializer()));
            CdcMetrics metrics =
                    opened(new CdcMetrics(registry, postgres.dataSource(), cdc.slotName(), Duration.ofSeconds(1)));
            AuditStream audit = opened(new AuditStream(
                    cdc,
                    auditProducer,
                    new ErasurePropagator(redisConnection, erasureEvents, auditProducer, Duration.ofHours(1), registry),
                    metrics,
                    Clock.systemUTC()));
            audit.start();
            PersistenceBench.awaitSlot(postgres);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T opened(T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes what was opened, last first. */
    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
