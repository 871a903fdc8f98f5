package dev.sluice.bench.bridge;

import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.id.Ids;
import dev.sluice.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Delivery latency from the worker's produce to the client reading the SSE event, through the
 * real gateway (router, feed, Tomcat) with N clients attached by GET /v1/streams/{id}.
 * Synthetic chunks carry System.nanoTime() at produce in their text; producer and clients share
 * this JVM, so the clock is the same. Clients are raw sockets on one selector thread. Args: eventsPerSecond clients warmupSeconds measureSeconds.
 */
public final class LatencyBench {
    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int measure = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        try (BenchStack stack = new BenchStack(1, Map.of("sluice.bridge.queue-capacity", "4096"));
                KafkaProducer<String, StreamEvent> producer = stack.producer()) {
            String token = stack.token();
            Recorder recorder = new Recorder(3);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String id = Ids.newId();
                ids.add(id);
                stack.register(id);
            }
            StampedStreams sse = new StampedStreams(
                    stack.port(0), token, ids, nanos -> recorder.recordValue(Math.max(0, nanos) / 1000));
            sse.awaitAttached();
            long[] seqs = new long[clients];
            long intervalNanos = 1_000_000_000L / rate;
            long start = System.nanoTime();
            long measureFrom = start + warmup * 1_000_000_000L;
            long end = measureFrom + measure * 1_000_000_000L;
            long sent = 0;
            boolean reset = false;
            Histogram total = null;
            while (true) {
                long due = start + sent * intervalNanos;
                long now = System.nanoTime();
                if (due > end) break;
                if (due > now) LockSupport.parkNanos(due - now);
                if (!reset && System.nanoTime() >= measureFrom) {
                    recorder.getIntervalHistogram(); // discard warm-up
                    reset = true;
                }
                int c = (int) (sent % clients);
                String id = ids.get(c);
                producer.send(new ProducerRecord<>(
                        Topics.CHAT_STREAM.name(),
                        id,
                        StreamEvent.chunk(id, ++seqs[c], Long.toString(System.nanoTime()), false)));
                sent++;
            }
            Thread.sleep(500);
            total = recorder.getIntervalHistogram();
            double seconds = (System.nanoTime() - start) / 1e9;
            for (int c = 0; c < clients; c++) {
                producer.send(new ProducerRecord<>(
                        Topics.CHAT_STREAM.name(),
                        ids.get(c),
                        StreamEvent.done(ids.get(c), ++seqs[c], new Usage(1, 1), "stop", false)));
            }
            producer.flush();
            sse.awaitFinished();
            sse.close();
            System.out.printf("### Delivery latency, produce → SSE read at the client%n%n");
            System.out.printf(
                    "%d events/s target over %d SSE clients (GET /v1/streams/{id}), warm-up %d s, measured %d s; "
                            + "achieved %.0f events/s produced, %d delivered in the measured window.%n%n",
                    rate, clients, warmup, measure, sent / seconds, total.getTotalCount());
            System.out.println("| p50 | p90 | p99 | p99.9 | max |");
            System.out.println("|---|---|---|---|---|");
            System.out.printf(
                    "| %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n%n",
                    total.getValueAtPercentile(50) / 1000.0,
                    total.getValueAtPercentile(90) / 1000.0,
                    total.getValueAtPercentile(99) / 1000.0,
                    total.getValueAtPercentile(99.9) / 1000.0,
                    total.getMaxValue() / 1000.0);
        }
        System.exit(0);
    }

    private LatencyBench() {}
}
