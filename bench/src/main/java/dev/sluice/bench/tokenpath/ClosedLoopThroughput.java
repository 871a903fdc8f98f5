package dev.sluice.bench.tokenpath;

import dev.sluice.bench.Flags;
import dev.sluice.bench.mock.MockCompletions;
import dev.sluice.bench.pipeline.StreamResult;
import dev.sluice.bench.pipeline.StreamingClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput, measured directly: {@code clients} streaming clients each send their next request
 * the moment the previous answer ends (closed loop), so the stack runs at whatever rate it can
 * carry; the figure is answers completed per second over the measured window (every text checked
 * against what the mock sent). Beside it, each process's CPU per answer from {@code /proc}. Used by
 * {@code THROUGHPUT=CLIENTS bench/tokenpath.sh}, e.g. to compare a setting on and off.
 * Usage: --url U --token T --model M --tokens 32 --clients 64 [--warmup-s 10] [--duration-s 30]
 *        [--conversation none|per-client|per-client:N] [--pids …] [--match …] --label L --out FILE (one table row appended)
 */
public final class ClosedLoopThroughput {
    private static final List<String> FLAGS = List.of(
            "url",
            "token",
            "model",
            "tokens",
            "clients",
            "warmup-s",
            "duration-s",
            "pids",
            "match",
            "label",
            "out",
            "conversation");

    public static void main(String[] args) throws Exception {
        Flags f = new Flags(args, FLAGS);
        int tokens = f.integer("tokens", 32);
        int clients = f.integer("clients", 64);
        long warmupNanos = f.integer("warmup-s", 10) * 1_000_000_000L;
        long measuredNanos = f.integer("duration-s", 30) * 1_000_000_000L;
        CpuProbe probe = CpuProbe.of(f.get("pids", ""), f.get("match", ""));
        String expected = MockCompletions.text(tokens);
        AtomicInteger seq = new AtomicInteger();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Double> ttfts = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long windowStart = start + warmupNanos;
        long windowEnd = windowStart + measuredNanos;
        try (StreamingClient client = new StreamingClient(
                f.get("url", ""), f.get("token", ""), f.get("model", "mock-llm"), tokens, expected)) {
            List<Thread> threads = new ArrayList<>();
            // per-client[:N]: each client continues one conversation of its own, and with N starts a new one
            // after every N answers, so the history an answer carries does not grow with the run's own rate
            // (without N a faster setting builds longer histories and pays for them: the comparison drifts).
            String mode = f.get("conversation", "none");
            boolean perClient = mode.startsWith("per-client");
            int turns = mode.startsWith("per-client:") ? Integer.parseInt(mode.substring("per-client:".length())) : 0;
            String run = java.util.UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < clients; i++) {
                // per-client: each client goes on with one conversation of its own (its key made once, then
                // cached); none: every request starts a new conversation, as a stateless OpenAI call does.
                String conversation = perClient ? "bench-" + run + "-" + i : null;
                threads.add(Thread.ofVirtual().start(() -> {
                    int answered = 0;
                    while (System.nanoTime() < windowEnd) {
                        long sent = System.nanoTime();
                        String id = conversation == null || turns == 0
                                ? conversation
                                : conversation + "-" + answered / turns;
                        answered++;
                        StreamResult r = client.send(seq.getAndIncrement(), sent, id);
                        long done = System.nanoTime();
                        // An answer counts in the window it ended in, so the rate is answers finished per second.
                        if (done < windowStart || done >= windowEnd) continue;
                        if (r.error() != null) errors.incrementAndGet();
                        else {
                            completed.incrementAndGet();
                            ttfts.add(r.ttftMs());
                        }
                    }
                }));
            }
            Thread.sleep(Math.max(0, (windowStart - System.nanoTime()) / 1_000_000));
            Map<String, Double> before = probe.snapshot();
            Thread.sleep(Math.max(0, (windowEnd - System.nanoTime()) / 1_000_000));
            Map<String, Double> cpu = CpuProbe.delta(before, probe.snapshot());
            for (Thread t : threads) t.join();
            double seconds = measuredNanos / 1e9;
            long n = completed.get();
            double[] sorted =
                    ttfts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double allCpu = CpuProbe.allButMock(cpu);
            double sluiceCpu = CpuProbe.sluiceRoles(cpu);
            String row = String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %.1f | %.0f / %.0f | %.2f | %.2f |%n",
                    f.get("label", ""),
                    Instant.now().toString().substring(0, 16),
                    clients,
                    errors.get(),
                    n / seconds,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    n == 0 ? 0 : sluiceCpu * 1000 / n,
                    n == 0 ? 0 : allCpu * 1000 / n);
            System.out.print(row);
            cpu.forEach((process, seconds1) -> System.out.printf(
                    Locale.ROOT, "  %s: %.2f ms CPU per answer%n", process, n == 0 ? 0 : seconds1 * 1000 / n));
            String out = f.get("out");
            if (out != null) Files.writeString(Path.of(out), row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    private ClosedLoopThroughput() {}
}
