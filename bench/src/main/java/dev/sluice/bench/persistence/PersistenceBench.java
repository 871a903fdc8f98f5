package dev.sluice.bench.persistence;

import dev.sluice.embedded.EmbeddedKafka;
import dev.sluice.persistence.cdc.AuditStream;
import dev.sluice.persistence.cdc.CdcMetrics;
import dev.sluice.persistence.cdc.CdcSettings;
import dev.sluice.persistence.erasure.ErasurePropagator;
import dev.sluice.persistence.sink.CompletionSink;
import dev.sluice.persistence.sink.PostgresCompletionWriter;
import dev.sluice.persistence.sink.SinkSettings;
import dev.sluice.persistence.testing.Completions;
import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import dev.sluice.persistence.testing.EmbeddedRedisServer;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.ConversationErased;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures the persistence role, after a warm-up of each path, on one machine with in-process Kafka (KRaft), PostgreSQL 17
 * ({@code synchronous_commit=on}, so every transaction is durable) and Redis:
 * <ol>
 *   <li>sink throughput: a backlog of completions drained into PostgreSQL, capture off;</li>
 *   <li>latency at a steady rate with capture on: completion sent → row committed, and row
 *       committed → change event readable on the audit topic;</li>
 *   <li>sink throughput again with capture on, and how long the audit stream takes to catch up.</li>
 * </ol>
 * Usage: {@code PersistenceBench <results.md> [backlog] [rates/s, comma-separated] [seconds per rate]}.
 */
public final class PersistenceBench {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/persistence.md");
        int backlog = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int[] rates = java.util.Arrays.stream((args.length > 2 ? args[2] : "200,1000").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;

        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary();
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Map.of("synchronous_commit", "on"));
                EmbeddedRedisServer redis = EmbeddedRedisServer.start()) {
            kafka.createTopics(Map.of());
            Report report = new Report(backlog);
            report.loadBefore = Report.loadAverage();

            CpuMeter cpu = new CpuMeter(postgres.dataDirectory());

            // 0. Warm-up, not measured: the JIT, the pools and the broker's segments.
            preload(kafka.bootstrap(), "w", 20_000);
            drain(kafka, postgres, 20_000);

            // 1. Backlog drained by the sink alone.
            preload(kafka.bootstrap(), "a", backlog);
            CpuMeter.Sample before = cpu.sample();
            report.sinkAlone = drain(kafka, postgres, backlog);
            report.sinkAloneCpu = cpu.sample().minus(before);
            System.out.printf("sink alone: %.0f completions/s%n", report.sinkAlone);

            // 2. Capture on; steady rate; both latencies from the audit stream.
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            CdcSettings cdc = CdcSettings.fromJdbcUrl(postgres.jdbcUrl(), "postgres", "", kafka.bootstrap(), (short) 1);
            try (StatefulRedisConnection<String, String> redisConnection =
                            redis.client().connect();
                    KafkaProducer<String, String> auditProducer = new KafkaProducer<>(
                            KafkaClients.producer(kafka.bootstrap(), "bench-audit"),
                            new StringSerializer(),
                            new StringSerializer());
                    KafkaProducer<String, ConversationErased> erasures = new KafkaProducer<>(
                            KafkaClients.producer(kafka.bootstrap(), "bench-erasures"),
                            new StringSerializer(),
                            Topics.CHAT_ERASURES.valueSerde().serializer());
                    CdcMetrics metrics =
                            new CdcMetrics(registry, postgres.dataSource(), cdc.slotName(), Duration.ofSeconds(1));
                    AuditStream audit = new AuditStream(
                            cdc,
                            auditProducer,
                            new ErasurePropagator(redisConnection, erasures, Duration.ofHours(1), registry),
                            metrics,
                            Clock.systemUTC());
                    AuditLatencyProbe probe = new AuditLatencyProbe(kafka.bootstrap())) {
                audit.start();
                awaitSlot(postgres);
                try (CompletionSink sink = sink(kafka, postgres, new SimpleMeterRegistry())) {
                    sink.start();
                    // Warm-up of the capture path, not measured.
                    steady(kafka.bootstrap(), 200, 10, probe::sent);
                    awaitCount("audit events of the warm-up", probe::answersSeen, 2_000, Duration.ofSeconds(300));
                    for (int rate : rates) {
                        probe.reset();
                        steady(kafka.bootstrap(), rate, seconds, probe::sent);
                        awaitCount(
                                "audit events of the steady run",
                                probe::answersSeen,
                                (long) rate * seconds,
                                Duration.ofSeconds(300));
                        report.latencies.add(new Report.LatencyRun(rate, seconds, probe.rowVisible(), probe.audit()));
                        System.out.println(report.latencies.getLast());
                    }
                }

                // 3. Backlog drained with capture on.
                probe.reset();
                int half = backlog / 2;
                preload(kafka.bootstrap(), "c", half);
                long start = System.nanoTime();
                CpuMeter.Sample startCpu = cpu.sample();
                report.sinkWithCdc = drain(kafka, postgres, half);
                awaitCount("audit events of the backlog", probe::answersSeen, half, Duration.ofSeconds(300));
                report.cdcCatchUpSeconds = (System.nanoTime() - start) / 1e9;
                report.withCdcCpu = cpu.sample().minus(startCpu);
                report.withCdcBacklog = half;
                report.slotLagBytes = metrics.slotLagBytes();
                System.out.printf(
                        "sink with capture: %.0f completions/s; audit caught up after %.1f s%n",
                        report.sinkWithCdc, report.cdcCatchUpSeconds);
            }
            report.loadAfter = Report.loadAverage();
            Files.createDirectories(out.toAbsolutePath().getParent());
            if (!Files.exists(out)) Files.writeString(out, Report.HEADER);
            Files.writeString(out, report.section(), java.nio.file.StandardOpenOption.APPEND);
            System.out.println("wrote " + out);
        }
        System.exit(0);
    }

    private static CompletionSink sink(
            EmbeddedKafka kafka, EmbeddedPostgresServer postgres, SimpleMeterRegistry registry) {
        return new CompletionSink(
                "bench",
                SinkSettings.defaults(kafka.bootstrap(), "bench-history"),
                new PostgresCompletionWriter(postgres.dataSource()),
                registry);
    }

    /** Starts a sink on a backlog of {@code count} new completions and returns completions per second. */
    private static double drain(EmbeddedKafka kafka, EmbeddedPostgresServer postgres, int count) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CompletionSink sink = sink(kafka, postgres, registry)) {
            long start = System.nanoTime();
            sink.start();
            awaitCount(
                    "the backlog stored",
                    () -> (long)
                            registry.counter("sluice.persistence.completions", "sink", "bench", "outcome", "stored")
                                    .count(),
                    count,
                    Duration.ofSeconds(300));
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** {@code count} completions over 2,000 conversations of 500 users, produced as fast as Kafka takes them. */
    private static void preload(String bootstrap, String run, int count) {
        Properties p = KafkaClients.producer(bootstrap, "bench-preload");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long t0 = System.currentTimeMillis() - 600_000;
        try (KafkaProducer<String, CompletionRecorded> producer = new KafkaProducer<>(
                p, new StringSerializer(), Topics.CHAT_COMPLETIONS.valueSerde().serializer())) {
            AtomicLong failed = new AtomicLong();
            for (int i = 0; i < count; i++) {
                CompletionRecorded c = completion(run, i, t0);
                producer.send(
                        new ProducerRecord<>(Topics.CHAT_COMPLETIONS.name(), c.conversationId(), c), failures(failed));
            }
            producer.flush();
            if (failed.get() > 0) throw new IllegalStateException(failed.get() + " completions could not be produced");
        }
    }

    private static Callback failures(AtomicLong failed) {
        return (metadata, error) -> {
            if (error != null) failed.incrementAndGet();
        };
    }

    private static CompletionRecorded completion(String run, int i, long t0) {
        int conversation = i % 2_000;
        return Completions.turn(run + "-conv-" + conversation, "user-" + (conversation % 500), i / 2_000, t0, "");
    }

    /** Sends at a fixed rate, telling {@code onSend} each completion's id and send time. */
    private static void steady(
            String bootstrap, int rate, int seconds, java.util.function.BiConsumer<String, Long> onSend)
            throws Exception {
        long t0 = System.currentTimeMillis();
        long intervalNanos = 1_000_000_000L / rate;
        try (KafkaProducer<String, CompletionRecorded> producer = new KafkaProducer<>(
                KafkaClients.producer(bootstrap, "bench-steady"),
                new StringSerializer(),
                Topics.CHAT_COMPLETIONS.valueSerde().serializer())) {
            long start = System.nanoTime();
            AtomicLong failed = new AtomicLong();
            for (int i = 0; i < rate * seconds; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                CompletionRecorded c = completion("b", i, t0);
                onSend.accept(c.correlationId(), AuditLatencyProbe.nowMicros());
                producer.send(
                        new ProducerRecord<>(Topics.CHAT_COMPLETIONS.name(), c.conversationId(), c), failures(failed));
            }
            producer.flush();
            if (failed.get() > 0) throw new IllegalStateException(failed.get() + " completions could not be produced");
        }
    }

    /** Waits until Debezium's replication slot is active: changes from then on reach the audit stream. */
    public static void awaitSlot(EmbeddedPostgresServer postgres) throws Exception {
        awaitCount(
                "the replication slot",
                () -> {
                    try (var c = postgres.dataSource().getConnection();
                            var rs = c.createStatement()
                                    .executeQuery(
                                            "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'sluice_audit' AND active")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                },
                1,
                Duration.ofSeconds(60));
    }

    private static void awaitCount(
            String what, java.util.concurrent.Callable<Long> count, long target, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.call() < target) {
            if (System.nanoTime() > deadline)
                throw new IllegalStateException(
                        "timed out waiting for " + what + ": " + count.call() + " of " + target);
            Thread.sleep(10);
        }
    }

    private PersistenceBench() {}
}
