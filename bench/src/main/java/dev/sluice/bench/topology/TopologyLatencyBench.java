package dev.sluice.bench.topology;

import dev.sluice.app.dev.DevStack;
import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.classifier.GuardModel;
import dev.sluice.guard.classifier.LearnedGuard;
import dev.sluice.schemas.topic.TopicProvisioner;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.topology.cache.RedisResponseCache;
import dev.sluice.topology.cache.ResponseCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        boolean learned = args.length > 3 && args[3].equals("learned");
        Path dir = Files.createTempDirectory("sluice-topology-bench-");
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT,
                "# Topology latency (issue 7)%n%nMachine: %d vCPU, load average before: %s; %d req/s for %d s per run, after a 5 s warm-up.%n"
                        + "Measured in one JVM with nanoTime from just before the produce to chat.requests until a consumer reads the result "
                        + "(chat.prompts, or the first chunk on chat.stream for a hit): two Kafka hops plus the topology. Processing "
                        + "guarantee at-least-once, producer linger 0, poll.ms 10.%n%n"
                        + "| run | n | p50 | p90 | p99 | max | goal |%n|---|---|---|---|---|---|---|%n",
                Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).strip(),
                rate,
                seconds));
        try (DevStack infra = DevStack.start(dir, null, null, null)) {
            String bootstrap = Objects.requireNonNull(
                    infra.properties().get("sluice.kafka.bootstrap"), "DevStack names its broker");
            new TopologyProvision(bootstrap).run();
            RedisClient redis = RedisClient.create(infra.properties().get("sluice.redis.url"));
            RedisURI uri = RedisURI.create(infra.properties().get("sluice.redis.url"));
            TopologyHop hop = new TopologyHop(bootstrap, redis, rate, seconds);
            report.append(hop.measure("no response cache", dir.resolve("s1"), ResponseCache.NONE, false, RULES, 1));
            if (learned) {
                // The hop with the learned guard (issue 14), on one Streams thread and on two; the rules alone on two
                // beside them.
                report.append(hop.measure(
                        "no response cache, rules alone, 2 stream threads",
                        dir.resolve("s6"),
                        ResponseCache.NONE,
                        false,
                        RULES,
                        2));
                GuardPipeline withClassifier =
                        new GuardPipeline(GuardConfig.defaults(), LearnedGuard.load(GuardModel.bundled()));
                report.append(hop.measure(
                        "no response cache, rules + learned guard, 1 stream thread",
                        dir.resolve("s4"),
                        ResponseCache.NONE,
                        false,
                        withClassifier,
                        1));
                report.append(hop.measure(
                        "no response cache, rules + learned guard, 2 stream threads",
                        dir.resolve("s5"),
                        ResponseCache.NONE,
                        false,
                        withClassifier,
                        2));
            }
            try (RedisResponseCache cache =
                    new RedisResponseCache(redis, uri, Duration.ofMillis(20), new SimpleMeterRegistry())) {
                report.append(hop.measure("Redis lookup, misses", dir.resolve("s2"), cache, false, RULES, 1));
                report.append(hop.measure(
                        "Redis lookup, hits (first cached chunk)", dir.resolve("s3"), cache, true, RULES, 1));
            }
            redis.shutdown();
        }
        System.out.print(report);
        Files.writeString(out, report.toString());
        System.exit(0);
    }

    private static final GuardPipeline RULES = new GuardPipeline(GuardConfig.defaults());

    private record TopologyProvision(String bootstrap) {
        void run() {
            new TopicProvisioner(bootstrap, (short) 1, Map.of()).ensure(Topics.all());
        }
    }

    private TopologyLatencyBench() {}
}
