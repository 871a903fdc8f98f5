package dev.sluice.bench.bridge;

import dev.sluice.bridge.route.StreamRouter;
import dev.sluice.bridge.route.Subscription;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.id.Ids;
import dev.sluice.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Routing cost with K gateway instances, in two layouts side by side: "every instance reads every
 * partition and filters" (each router reads the whole chat.stream, streams spread 1/K each), and
 * partition-affine (the routers split the partitions through their group and each stream's id is
 * minted by the router that holds it, so each reads its own share). Reports each router thread's
 * CPU (fetch, deserialization, filtering) and the delivery latency to the subscription.
 * Args: eventsPerSecond streams seconds instanceCounts... (-Dsluice.bench.stream-partitions=12 for equal shares of 4)
 */
public final class RoutingCostBench {
    private static final int WARMUP_SECONDS = 5;

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        List<Integer> counts = new ArrayList<>();
        for (int i = 3; i < args.length; i++) counts.add(Integer.parseInt(args[i]));
        if (counts.isEmpty()) counts = List.of(1, 2, 4);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long tickNanos = Long.getLong("sluice.bench.tick-ms", 20) * 1_000_000L;
        System.out.printf("### Routing cost: every instance reads all partitions vs partition-affine gateways%n%n");
        System.out.printf(
                "%d events/s over %d streams, %d s measured per row after %d s warm-up; each instance holds 1/K of the streams. "
                        + "CPU = the router thread's CPU time / wall time (100%% = one core); latency from produce to the event in the connection's queue. "
                        + "Producer: %s.%n%n",
                rate,
                streams,
                seconds,
                WARMUP_SECONDS,
                tickNanos > 0
                        ? "bursts every " + tickNanos / 1_000_000 + " ms (as workers' chunk flushers send)"
                        : "evenly spaced events");
        System.out.println(
                "| layout | instances K | router CPU per instance | of it in user mode | total router CPU | events/s produced | polls/s per router | events per poll | delivery p50 | p99 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        try (BenchStack stack = new BenchStack(0, Map.of());
                KafkaProducer<String, StreamEvent> producer = stack.producer()) {
            List<Integer> rows = new ArrayList<>();
            rows.add(0); // an unreported first pass warms the broker, the JIT and the producer
            // -Dsluice.bench.layouts=affine leaves out the every-router-reads-all rows
            if (!"affine".equals(System.getProperty("sluice.bench.layouts")))
                for (int c : counts) rows.add(-c); // every router reads everything
            rows.addAll(counts); // partition-affine
            for (int row : rows) {
                int k = Math.max(1, Math.abs(row));
                boolean affine = row > 0;
                String group = affine ? "bench-affine-" + k + "-" + System.nanoTime() : null;
                List<StreamRouter> routers = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    routers.add(new StreamRouter(
                                    stack.bootstrap(),
                                    "bench-" + k + "-" + i,
                                    4096,
                                    new SimpleMeterRegistry(),
                                    group,
                                    dev.sluice.schemas.crypto.ContentCipher.DISABLED)
                            .start());
                }
                if (affine) awaitShares(routers);
                Recorder recorder = new Recorder(3);
                List<String> ids = new ArrayList<>();
                List<Thread> drains = new ArrayList<>();
                for (int s = 0; s < streams; s++) {
                    StreamRouter holder = routers.get(s % k);
                    String id = affine ? holder.mint() : Ids.newId();
                    ids.add(id);
                    Subscription sub = holder.subscribe(id);
                    drains.add(Thread.ofVirtual().start(() -> {
                        try {
                            while (!Thread.currentThread().isInterrupted()) {
                                StreamEvent e = sub.poll(Duration.ofMillis(200));
                                if (e != null)
                                    recorder.recordValue(
                                            Math.max(0, System.nanoTime() - Long.parseLong(e.text())) / 1000);
                            }
                        } catch (InterruptedException e) {
                            // done
                        } finally {
                            sub.close();
                        }
                    }));
                }
                long[] cpuStart = null;
                double pollsStart = 0;
                long userStart = 0;
                long begin = System.nanoTime();
                long start = begin + WARMUP_SECONDS * 1_000_000_000L;
                long end = start + seconds * 1_000_000_000L;
                long interval = 1_000_000_000L / rate;
                long sent = 0;
                long sentAtStart = 0;
                long[] seqs = new long[streams];
                while (true) {
                    // With a tick, events go out in bursts once per tick, as coalescing workers' flushers send them.
                    long due = begin + (tickNanos > 0 ? sent * interval / tickNanos * tickNanos : sent * interval);
                    if (due > end) break;
                    long now = System.nanoTime();
                    if (due > now) LockSupport.parkNanos(due - now);
                    if (cpuStart == null && System.nanoTime() >= start) {
                        // Warm-up over (JIT, metadata, connections): measure from here.
                        pollsStart = routers.stream()
                                .mapToDouble(StreamRouter::polls)
                                .sum();
                        userStart = routers.stream()
                                .mapToLong(r ->
                                        threads.getThreadUserTime(r.thread().threadId()))
                                .sum();
                        cpuStart = routers.stream()
                                .mapToLong(
                                        r -> threads.getThreadCpuTime(r.thread().threadId()))
                                .toArray();
                        recorder.getIntervalHistogram();
                        sentAtStart = sent;
                        start = System.nanoTime();
                    }
                    int s = (int) (sent % streams);
                    producer.send(new ProducerRecord<>(
                            Topics.CHAT_STREAM.name(),
                            ids.get(s),
                            StreamEvent.chunk(ids.get(s), ++seqs[s], Long.toString(System.nanoTime()), false)));
                    sent++;
                }
                Thread.sleep(300);
                double wall = (System.nanoTime() - start) / 1e9;
                double[] cpu = new double[k];
                long[] cpuFrom = Objects.requireNonNull(cpuStart, "the warm-up ended before the run did");
                for (int i = 0; i < k; i++)
                    cpu[i] = (threads.getThreadCpuTime(routers.get(i).thread().threadId()) - cpuFrom[i]) / 1e9 / wall;
                double userShare = (routers.stream()
                                        .mapToLong(r -> threads.getThreadUserTime(
                                                r.thread().threadId()))
                                        .sum()
                                - userStart)
                        / 1e9
                        / wall
                        / java.util.Arrays.stream(cpu).sum();
                double pollsPerRouter =
                        (routers.stream().mapToDouble(StreamRouter::polls).sum() - pollsStart) / k / wall;
                Histogram h = recorder.getIntervalHistogram();
                drains.forEach(Thread::interrupt);
                routers.forEach(StreamRouter::close);
                double mean = java.util.Arrays.stream(cpu).average().orElse(0);
                if (row == 0) continue;
                System.out.printf(
                        "| %s | %d | %.1f %% | %.0f %% | %.1f %% | %.0f | %.0f | %.1f | %.2f ms | %.2f ms |%n",
                        affine ? "partition-affine" : "every router reads all",
                        k,
                        mean * 100,
                        userShare * 100,
                        mean * k * 100,
                        (sent - sentAtStart) / wall,
                        pollsPerRouter,
                        (sent - sentAtStart) / wall / (affine ? k : 1) / pollsPerRouter,
                        h.getValueAtPercentile(50) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0);
            }
        }
        System.out.println();
        System.exit(0);
    }

    /** Until the routers' owned shares are disjoint and cover every partition (the group has settled). */
    private static void awaitShares(List<StreamRouter> routers) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        int partitions = routers.getFirst().partitionCount();
        while (System.nanoTime() < deadline) {
            java.util.Set<Integer> union = new java.util.HashSet<>();
            int total = 0;
            for (StreamRouter r : routers) {
                union.addAll(r.ownedPartitions());
                total += r.ownedPartitions().size();
            }
            if (union.size() == partitions && total == partitions) return;
            Thread.sleep(100);
        }
        throw new IllegalStateException("the routers' partition shares did not settle in 120 s");
    }

    private RoutingCostBench() {}
}
