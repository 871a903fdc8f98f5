package dev.sluice.bench.topology;

import dev.sluice.guard.GuardPipeline;
import dev.sluice.schemas.cache.CachedResponse;
import dev.sluice.schemas.cache.ResponseStoreKeys;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.serde.Json;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.topology.cache.CacheKeys;
import dev.sluice.topology.cache.ResponseCache;
import dev.sluice.topology.pipeline.ChatTopology;
import dev.sluice.topology.pipeline.GuardStage;
import dev.sluice.topology.pipeline.TopologyRunner;
import io.lettuce.core.RedisClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One run of {@link TopologyLatencyBench}: a fresh Streams application over the topology, requests
 * produced to chat.requests at the bench's rate (a 5 s warm-up, then the measured seconds), and
 * the time from each send until a plain consumer reads its prompt (or, for cache hits, its first
 * chunk), reported as one row of the results table.
 */
final class TopologyHop {
    private final Map<String, Long> sent = new ConcurrentHashMap<>();
    private final String bootstrap;
    private final RedisClient redis;
    private final int rate;
    private final int seconds;

    TopologyHop(String bootstrap, RedisClient redis, int rate, int seconds) {
        this.bootstrap = bootstrap;
        this.redis = redis;
        this.rate = rate;
        this.seconds = seconds;
    }

    /** One run on a fresh Streams application; returns its row of the report's table. */
    String measure(String name, Path state, ResponseCache cache, boolean hits, GuardPipeline pipeline, int threads)
            throws Exception {
        sent.clear();
        truncate();
        String app = "bench-" + System.nanoTime();
        GuardStage guard = new GuardStage(pipeline, null);
        Sampling sampling = new Sampling(0.0, null, 64, List.of(), null);
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        try (TopologyRunner topology = new TopologyRunner(
                        bootstrap,
                        app,
                        (short) 1,
                        state,
                        new ChatTopology.TopologySettings(Duration.ofHours(1), 4096),
                        cache,
                        guard,
                        ContentCipher.DISABLED,
                        threads);
                KafkaProducer<String, ChatRequested> producer = new KafkaProducer<>(
                        KafkaClients.producer(bootstrap, "bench"),
                        new StringSerializer(),
                        Topics.CHAT_REQUESTS.valueSerde().serializer())) {
            topology.start();
            while (topology.state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING) Thread.sleep(50);
            Thread reader = Thread.ofPlatform().start(() -> read(hits, latencies));
            Thread.sleep(1000);
            long total = (long) rate * (seconds + 5);
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime();
            try (var conn = redis.connect()) {
                for (long i = 0; i < total; i++) {
                    String text = "Question " + i + ": how do I sort a list in Python, and what is the complexity?";
                    String corr = name.charAt(0) + "-" + i;
                    if (hits) {
                        String key = CacheKeys.of("m", List.of(ChatMessage.user(text)), sampling);
                        conn.sync()
                                .set(
                                        ResponseStoreKeys.response(key),
                                        Json.MAPPER.writeValueAsString(new CachedResponse(
                                                "Use sorted(list); it runs in O(n log n).",
                                                new dev.sluice.schemas.event.Usage(20, 10),
                                                "m",
                                                "stop")));
                    }
                    LockSupport.parkNanos(Math.max(0, start + i * interval - System.nanoTime()));
                    if (i >= (long) rate * 5) sent.put(corr, System.nanoTime());
                    producer.send(new ProducerRecord<>(
                            Topics.CHAT_REQUESTS.name(),
                            "conv-" + corr,
                            new ChatRequested(
                                    corr,
                                    "conv-" + corr,
                                    "bench",
                                    "m",
                                    List.of(ChatMessage.user(text)),
                                    sampling,
                                    false,
                                    System.currentTimeMillis())));
                }
            }
            Thread.sleep(3000);
            reader.interrupt();
            reader.join(5000);
        }
        List<Double> v = new ArrayList<>(latencies);
        v.sort(Double::compare);
        String goal = hits
                ? "first cached chunk <= 5 ms p99"
                : name.startsWith("no") ? "p50 <= 2 ms, p99 <= 10 ms" : "(cost of the lookup)";
        return String.format(
                Locale.ROOT,
                "| %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %s |%n",
                name,
                v.size(),
                pct(v, 50),
                pct(v, 90),
                pct(v, 99),
                v.isEmpty() ? Double.NaN : v.getLast(),
                goal);
    }

    private void read(boolean hits, List<Double> latencies) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, "bench-reader"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new ByteArrayDeserializer())) {
            String topic = hits ? Topics.CHAT_STREAM.name() : Topics.CHAT_PROMPTS.name();
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    String corr = hits ? r.key() : r.key().substring("conv-".length());
                    Long at = sent.remove(corr);
                    if (at != null) latencies.add((now - at) / 1e6);
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // done
        }
    }

    /**
     * Each run is a new Streams application reading from the earliest offset: without this it
     * would first replay the previous runs' requests and measure that backlog.
     */
    private void truncate() throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin =
                org.apache.kafka.clients.admin.Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, org.apache.kafka.clients.admin.RecordsToDelete> delete = new java.util.HashMap<>();
            for (String topic : List.of(Topics.CHAT_REQUESTS.name(), Topics.CHAT_COMPLETIONS.name())) {
                var parts = Objects.requireNonNull(
                                admin.describeTopics(List.of(topic))
                                        .allTopicNames()
                                        .get()
                                        .get(topic),
                                topic)
                        .partitions();
                Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
                parts.forEach(p -> latest.put(
                        new TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest()));
                admin.listOffsets(latest)
                        .all()
                        .get()
                        .forEach((tp, info) -> delete.put(
                                tp, org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(info.offset())));
            }
            admin.deleteRecords(delete).all().get();
        }
    }

    static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) return Double.NaN;
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }
}
