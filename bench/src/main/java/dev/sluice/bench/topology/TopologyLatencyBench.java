package dev.sluice.bench.topology;

import dev.sluice.app.dev.DevStack;
import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.classifier.GuardModel;
import dev.sluice.guard.classifier.LearnedGuard;
import dev.sluice.schemas.cache.CachedResponse;
import dev.sluice.schemas.cache.ResponseStoreKeys;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.ChatRequested;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.serde.Json;
import dev.sluice.schemas.topic.TopicProvisioner;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.topology.cache.CacheKeys;
import dev.sluice.topology.cache.RedisResponseCache;
import dev.sluice.topology.cache.ResponseCache;
import dev.sluice.topology.pipeline.ChatTopology;
import dev.sluice.topology.pipeline.GuardStage;
import dev.sluice.topology.pipeline.TopologyRunner;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
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
 * The topology hop on its own: ChatRequested produced to chat.requests at a fixed rate, the
 * prompt (or the first cached chunk) read from chat.prompts / chat.stream by a plain consumer.
 * Times are nanoTime in this one JVM, from just before the send to the record's arrival, so two
 * Kafka hops plus the topology (real guard, context, template, cache lookup) are included.
 * Runs: no response cache (the "excluding Redis"), Redis lookups that miss, and hits.
 *
 * <p>Args: resultsFile [rate] [seconds]
 */
public final class TopologyLatencyBench {
    private static final Map<String, Long> SENT = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        boolean learned = args.length > 3 && args[3].equals("learned");
        Path dir = Files.createTempDirectory("sluice-topology-bench-");
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "# Topology latency (issue 7)%n%nMachine: %d vCPU, load average before: %s; %d req/s for %d s per run, after a 5 s warm-up.%n"
                        + "Measured in one JVM with nanoTime from just before the produce to chat.requests until a consumer reads the result "
                        + "(chat.prompts, or the first chunk on chat.stream for a hit): two Kafka hops plus the topology. Processing "
                        + "guarantee at-least-once, producer linger 0, poll.ms 10.%n%n"
                        + "| run | n | p50 | p90 | p99 | max | goal |%n|---|---|---|---|---|---|---|%n",
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip(), rate, seconds));
        try (DevStack infra = DevStack.start(dir, null, null, null)) {
            String bootstrap = Objects.requireNonNull(infra.properties().get("sluice.kafka.bootstrap"), "DevStack names its broker");
            new TopologyProvision(bootstrap).run();
            RedisClient redis = RedisClient.create(infra.properties().get("sluice.redis.url"));
            RedisURI uri = RedisURI.create(infra.properties().get("sluice.redis.url"));
            report.append(run("no response cache", bootstrap, dir.resolve("s1"), ResponseCache.NONE, rate, seconds, false, redis, RULES, 1));
            if (learned) {
                // The hop with the learned guard (issue 14), on one Streams thread and on two; the rules alone on two beside them.
                report.append(run("no response cache, rules alone, 2 stream threads", bootstrap, dir.resolve("s6"), ResponseCache.NONE,
                        rate, seconds, false, redis, RULES, 2));
                GuardPipeline withClassifier = new GuardPipeline(GuardConfig.defaults(), LearnedGuard.load(GuardModel.bundled()));
                report.append(run("no response cache, rules + learned guard, 1 stream thread", bootstrap, dir.resolve("s4"), ResponseCache.NONE,
                        rate, seconds, false, redis, withClassifier, 1));
                report.append(run("no response cache, rules + learned guard, 2 stream threads", bootstrap, dir.resolve("s5"), ResponseCache.NONE,
                        rate, seconds, false, redis, withClassifier, 2));
            }
            try (RedisResponseCache cache = new RedisResponseCache(redis, uri, Duration.ofMillis(20), new SimpleMeterRegistry())) {
                report.append(run("Redis lookup, misses", bootstrap, dir.resolve("s2"), cache, rate, seconds, false, redis, RULES, 1));
                report.append(run("Redis lookup, hits (first cached chunk)", bootstrap, dir.resolve("s3"), cache, rate, seconds, true, redis, RULES, 1));
            }
            redis.shutdown();
        }
        System.out.print(report);
        Files.writeString(out, report.toString());
        System.exit(0);
    }

    private static final GuardPipeline RULES = new GuardPipeline(GuardConfig.defaults());

    private static String run(String name, String bootstrap, Path state, ResponseCache cache, int rate, int seconds, boolean hits, RedisClient redis,
                              GuardPipeline pipeline, int threads) throws Exception {
        SENT.clear();
        truncate(bootstrap);
        String app = "bench-" + System.nanoTime();
        GuardStage guard = new GuardStage(pipeline, null);
        Sampling sampling = new Sampling(0.0, null, 64, List.of(), null);
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        try (TopologyRunner topology = new TopologyRunner(bootstrap, app, (short) 1, state, new ChatTopology.TopologySettings(Duration.ofHours(1), 4096), cache, guard,
                ContentCipher.DISABLED, threads);
             KafkaProducer<String, ChatRequested> producer = new KafkaProducer<>(KafkaClients.producer(bootstrap, "bench"), new StringSerializer(),
                     Topics.CHAT_REQUESTS.valueSerde().serializer())) {
            topology.start();
            while (topology.state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING) Thread.sleep(50);
            Thread reader = Thread.ofPlatform().start(() -> read(bootstrap, hits, latencies));
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
                        conn.sync().set(ResponseStoreKeys.response(key), Json.MAPPER.writeValueAsString(new CachedResponse(
                                "Use sorted(list); it runs in O(n log n).", new dev.sluice.schemas.event.Usage(20, 10), "m", "stop")));
                    }
                    LockSupport.parkNanos(Math.max(0, start + i * interval - System.nanoTime()));
                    if (i >= (long) rate * 5) SENT.put(corr, System.nanoTime());
                    producer.send(new ProducerRecord<>(Topics.CHAT_REQUESTS.name(), "conv-" + corr,
                            new ChatRequested(corr, "conv-" + corr, "bench", "m", List.of(ChatMessage.user(text)), sampling, false, System.currentTimeMillis())));
                }
            }
            Thread.sleep(3000);
            reader.interrupt();
            reader.join(5000);
        }
        List<Double> v = new ArrayList<>(latencies);
        v.sort(Double::compare);
        String goal = hits ? "first cached chunk <= 5 ms p99" : name.startsWith("no") ? "p50 <= 2 ms, p99 <= 10 ms" : "(cost of the lookup)";
        return String.format(Locale.ROOT, "| %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %s |%n", name, v.size(), pct(v, 50), pct(v, 90), pct(v, 99), v.isEmpty() ? Double.NaN : v.getLast(), goal);
    }

    private static void read(String bootstrap, boolean hits, List<Double> latencies) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap, null, "bench-reader"),
                new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer())) {
            String topic = hits ? Topics.CHAT_STREAM.name() : Topics.CHAT_PROMPTS.name();
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    String corr = hits ? r.key() : r.key().substring("conv-".length());
                    Long sent = SENT.remove(corr);
                    if (sent != null) latencies.add((now - sent) / 1e6);
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
    private static void truncate(String bootstrap) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, org.apache.kafka.clients.admin.RecordsToDelete> delete = new java.util.HashMap<>();
            for (String topic : List.of(Topics.CHAT_REQUESTS.name(), Topics.CHAT_COMPLETIONS.name())) {
                var parts = Objects.requireNonNull(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic), topic).partitions();
                Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
                parts.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest()));
                admin.listOffsets(latest).all().get().forEach((tp, info) ->
                        delete.put(tp, org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(info.offset())));
            }
            admin.deleteRecords(delete).all().get();
        }
    }

    static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) return Double.NaN;
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
    }

    private record TopologyProvision(String bootstrap) {
        void run() {
            new TopicProvisioner(bootstrap, (short) 1, Map.of()).ensure(Topics.all());
        }
    }

    private TopologyLatencyBench() {
    }
}
