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
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The cost of "every instance reads every partition and filters": K routers (as K gateway
 * instances would run them) read the same chat.stream while the streams are spread over them,
 * 1/K each. Reports each router thread's CPU (the fetch, deserialization and filtering it does
 * for all events, wanted or not) and the delivery latency to the subscription.
 * Args: eventsPerSecond streams seconds instanceCounts...
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
        System.out.printf("### Routing cost: every instance reads all partitions%n%n");
        System.out.printf("%d events/s over %d streams, %d s measured per row after %d s warm-up; each instance holds 1/K of the streams. "
                + "CPU = the router thread's CPU time / wall time (100%% = one core); latency from produce to the event in the connection's queue.%n%n",
                rate, streams, seconds, WARMUP_SECONDS);
        System.out.println("| instances K | router CPU per instance | total router CPU | events/s read by each instance | delivery p50 | p99 |");
        System.out.println("|---|---|---|---|---|---|");
        try (BenchStack stack = new BenchStack(0, Map.of()); KafkaProducer<String, StreamEvent> producer = stack.producer()) {
            List<Integer> rows = new ArrayList<>(counts);
            rows.addFirst(-1); // an unreported first pass warms the broker, the JIT and the producer
            for (int row : rows) {
                int k = Math.abs(row);
                List<StreamRouter> routers = new ArrayList<>();
                for (int i = 0; i < k; i++) routers.add(new StreamRouter(stack.bootstrap(), "bench-" + k + "-" + i, 4096, new SimpleMeterRegistry()).start());
                Recorder recorder = new Recorder(3);
                List<String> ids = new ArrayList<>();
                List<Thread> drains = new ArrayList<>();
                for (int s = 0; s < streams; s++) {
                    String id = Ids.newId();
                    ids.add(id);
                    Subscription sub = routers.get(s % k).subscribe(id);
                    drains.add(Thread.ofVirtual().start(() -> {
                        try {
                            while (!Thread.currentThread().isInterrupted()) {
                                StreamEvent e = sub.poll(Duration.ofMillis(200));
                                if (e != null) recorder.recordValue(Math.max(0, System.nanoTime() - Long.parseLong(e.text())) / 1000);
                            }
                        } catch (InterruptedException e) {
                            // done
                        } finally {
                            sub.close();
                        }
                    }));
                }
                long[] cpuStart = null;
                long begin = System.nanoTime();
                long start = begin + WARMUP_SECONDS * 1_000_000_000L;
                long end = start + seconds * 1_000_000_000L;
                long interval = 1_000_000_000L / rate;
                long sent = 0;
                long sentAtStart = 0;
                long[] seqs = new long[streams];
                while (true) {
                    long due = begin + sent * interval;
                    if (due > end) break;
                    long now = System.nanoTime();
                    if (due > now) LockSupport.parkNanos(due - now);
                    if (cpuStart == null && System.nanoTime() >= start) {
                        // Warm-up over (JIT, metadata, connections): measure from here.
                        cpuStart = routers.stream().mapToLong(r -> threads.getThreadCpuTime(r.thread().threadId())).toArray();
                        recorder.getIntervalHistogram();
                        sentAtStart = sent;
                        start = System.nanoTime();
                    }
                    int s = (int) (sent % streams);
                    producer.send(new ProducerRecord<>(Topics.CHAT_STREAM.name(), ids.get(s),
                            StreamEvent.chunk(ids.get(s), ++seqs[s], Long.toString(System.nanoTime()), false)));
                    sent++;
                }
                Thread.sleep(300);
                double wall = (System.nanoTime() - start) / 1e9;
                double[] cpu = new double[k];
                for (int i = 0; i < k; i++) cpu[i] = (threads.getThreadCpuTime(routers.get(i).thread().threadId()) - cpuStart[i]) / 1e9 / wall;
                Histogram h = recorder.getIntervalHistogram();
                drains.forEach(Thread::interrupt);
                routers.forEach(StreamRouter::close);
                double mean = java.util.Arrays.stream(cpu).average().orElse(0);
                if (row < 0) continue;
                System.out.printf("| %d | %.1f %% | %.1f %% | %.0f | %.2f ms | %.2f ms |%n", k, mean * 100, mean * k * 100, (sent - sentAtStart) / wall,
                        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
            }
        }
        System.out.println();
        System.exit(0);
    }

    private RoutingCostBench() {
    }
}
