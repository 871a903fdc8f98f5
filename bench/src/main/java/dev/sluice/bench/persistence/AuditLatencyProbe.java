package dev.sluice.bench.persistence;

import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.serde.Json;
import dev.sluice.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Reads the audit topic and, for every assistant message insert, derives two latencies from
 * one event: completion sent → row committed (the event's source commit time minus the send
 * time), and row committed → audit event readable (now minus the commit time). Both clocks are
 * this host's, so no skew enters.
 */
final class AuditLatencyProbe implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Long> sentAtMicros = new ConcurrentHashMap<>();
    private final List<Long> rowVisibleMicros = new ArrayList<>();
    private final List<Long> auditMicros = new ArrayList<>();
    private final AtomicLong answersSeen = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    AuditLatencyProbe(String bootstrap) {
        consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, "bench-audit-probe"),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUDIT.name()).stream()
                .map(p -> new TopicPartition(Topics.AUDIT.name(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = Thread.ofPlatform().name("bench-audit-probe").start(this::run);
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    void sent(String correlationId, long atMicros) {
        sentAtMicros.put(correlationId, atMicros);
    }

    long answersSeen() {
        return answersSeen.get();
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                long now = nowMicros();
                // The probe shares the JVM with what it measures: skip the full parse where a
                // plain search already says the event is not an assistant message insert.
                if (!r.value().contains("\"role\":\"assistant\"")) continue;
                JsonNode value = Json.MAPPER.readTree(r.value());
                JsonNode source = value.path("source");
                if (!"messages".equals(source.path("table").asString())
                        || !"c".equals(value.path("op").asString())
                        || !"assistant".equals(value.path("after").path("role").asString())) continue;
                answersSeen.incrementAndGet();
                long committed = source.has("ts_us")
                        ? source.path("ts_us").asLong()
                        : source.path("ts_ms").asLong() * 1_000;
                Long sent = sentAtMicros.remove(r.key());
                synchronized (this) {
                    if (sent != null) rowVisibleMicros.add(committed - sent);
                    auditMicros.add(now - committed);
                }
            }
        }
        consumer.close();
    }

    synchronized Percentiles rowVisible() {
        return Percentiles.of(rowVisibleMicros);
    }

    synchronized Percentiles audit() {
        return Percentiles.of(auditMicros);
    }

    synchronized void reset() {
        rowVisibleMicros.clear();
        auditMicros.clear();
        answersSeen.set(0);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }

    /** Latency percentiles in milliseconds. */
    record Percentiles(int count, double p50, double p95, double p99, double max) {
        static Percentiles of(List<Long> micros) {
            if (micros.isEmpty()) return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Percentiles(
                    sorted.length,
                    at(sorted, 0.50),
                    at(sorted, 0.95),
                    at(sorted, 0.99),
                    sorted[sorted.length - 1] / 1000.0);
        }

        private static double at(long[] sorted, double q) {
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
        }
    }
}
