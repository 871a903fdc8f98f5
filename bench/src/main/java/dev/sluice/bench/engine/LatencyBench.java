package dev.sluice.bench.engine;

import dev.sluice.schemas.event.Sampling;
import dev.sluice.worker.engine.EngineException;
import dev.sluice.worker.engine.Generation;
import dev.sluice.worker.engine.GenerationListener;
import dev.sluice.worker.engine.GenerationRequest;
import dev.sluice.worker.engine.GenerationResult;
import dev.sluice.worker.engine.ffm.FfmEngine;
import dev.sluice.worker.engine.ffm.FfmEngineConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Latencies of the FFM engine: time to first token of turn 2 of a conversation with a
 * 1,000-token history against turn 1 (prefix reuse), and cancel-to-slot-free latency over 100
 * cancels while 8 sequences run. Usage: {@code LatencyBench MODEL THREADS}.
 */
public final class LatencyBench {
    private static final String STORY = "Once upon a time, there was a little girl named Lily. She loved to play "
            + "outside in the park. One day, she saw a big, red ball. She wanted to play with it, so she ran to get it. ";

    private LatencyBench() {}

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        FfmEngineConfig config =
                FfmEngineConfig.of(model).withSlots(8).withContextPerSlot(2048).withThreads(threads);
        try (FfmEngine engine = new FfmEngine(config)) {
            prefixReuse(engine, model);
            cancels(engine, model);
        }
        System.exit(0);
    }

    private static void prefixReuse(FfmEngine engine, Path model) {
        int conversations = 3;
        double[] turn1 = new double[conversations];
        double[] turn2 = new double[conversations];
        int historyTokens = 0;
        for (int c = 0; c < conversations; c++) {
            // A distinct opening per conversation, so no conversation borrows another's prefix.
            StringBuilder history = new StringBuilder("Story number " + (c + 1) + ". ");
            while (engine.countTokens(history.toString()) < 1000) {
                history.append(STORY);
            }
            historyTokens = engine.countTokens(history.toString());
            String key = "conversation-" + c;
            Result first = once(engine, key, history.toString(), 16);
            String turnTwo = history + first.text + " Then Lily went home.";
            Result second = once(engine, key, turnTwo, 16);
            turn1[c] = first.result.engineTtftMs();
            turn2[c] = second.result.engineTtftMs();
        }
        double t1 = median(turn1);
        double t2 = median(turn2);
        System.out.println(String.format(
                Locale.ROOT,
                "{\"bench\":\"prefix-reuse\",\"model\":\"%s\",\"historyTokens\":%d,\"turn1TtftMs\":%.1f,\"turn2TtftMs\":%.1f,\"ratio\":%.3f}",
                model.getFileName(),
                historyTokens,
                t1,
                t2,
                t2 / t1));
    }

    private static void cancels(FfmEngine engine, Path model) throws Exception {
        int running = engine.slots();
        List<Generation> live = new ArrayList<>();
        List<CompletableFuture<long[]>> ends = new ArrayList<>();
        for (int i = 0; i < running; i++) {
            start(engine, i, live, ends);
        }
        double[] latencies = new double[100];
        double[] cpuLatencies = new double[100];
        long decodeThread = decodeThreadId();
        for (int i = 0; i < latencies.length; i++) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(10, 60));
            int victim = ThreadLocalRandom.current().nextInt(running);
            if (ends.get(victim).isDone()) { // it ran out of context on its own: replace it, measure another
                live.remove(victim);
                ends.remove(victim);
                start(engine, 2000 + i, live, ends);
                i--;
                continue;
            }
            long cpu0 = THREADS.getThreadCpuTime(decodeThread);
            long t0 = System.nanoTime();
            live.get(victim).cancel();
            long[] freed = ends.get(victim).join();
            latencies[i] = (freed[0] - t0) / 1e6;
            cpuLatencies[i] = Math.max(0, freed[1] - cpu0) / 1e6;
            live.remove(victim);
            ends.remove(victim);
            start(engine, 1000 + i, live, ends);
        }
        live.forEach(Generation::cancel);
        Arrays.sort(latencies);
        Arrays.sort(cpuLatencies);
        System.out.println(String.format(
                Locale.ROOT,
                "{\"bench\":\"cancel\",\"model\":\"%s\",\"running\":%d,\"cancels\":%d,\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"maxMs\":%.2f,"
                        + "\"decodeCpuP50Ms\":%.2f,\"decodeCpuP99Ms\":%.2f}",
                model.getFileName(),
                running,
                latencies.length,
                latencies[49],
                latencies[98],
                latencies[99],
                cpuLatencies[49],
                cpuLatencies[98]));
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * The engine's decode thread: its CPU time between a cancel and the slot's release is the
     * latency the engine would show on a core of its own, whatever the neighbours do.
     */
    private static long decodeThreadId() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sluice-ffm-decode"))
                .findFirst()
                .orElseThrow()
                .threadId();
    }

    /** Starts a long sequence; its future completes with the wall time and decode-thread CPU time it ended at. */
    private static void start(FfmEngine engine, int id, List<Generation> live, List<CompletableFuture<long[]>> ends) {
        CompletableFuture<long[]> end = new CompletableFuture<>();
        Generation g = engine.submit(
                new GenerationRequest(
                        "cancel-" + id,
                        null,
                        "Story " + id + ". Once upon a time",
                        List.of(),
                        new Sampling(1.0, null, 100_000, List.of(), (long) id),
                        ""),
                new GenerationListener() {
                    @Override
                    public void onText(String text, int tokens) {}

                    @Override
                    public void onComplete(GenerationResult result) {
                        end.complete(new long[] {System.nanoTime(), THREADS.getCurrentThreadCpuTime()});
                    }

                    @Override
                    public void onError(EngineException error) {
                        end.complete(new long[] {System.nanoTime(), THREADS.getCurrentThreadCpuTime()});
                    }
                });
        live.add(g);
        ends.add(end);
    }

    private record Result(String text, GenerationResult result) {}

    private static Result once(FfmEngine engine, String key, String prompt, int maxTokens) {
        StringBuilder text = new StringBuilder();
        CompletableFuture<GenerationResult> done = new CompletableFuture<>();
        engine.submit(
                new GenerationRequest(
                        key + "-" + prompt.length(),
                        key,
                        prompt,
                        List.of(),
                        new Sampling(0.0, null, maxTokens, List.of(), null),
                        ""),
                new GenerationListener() {
                    @Override
                    public void onText(String piece, int tokens) {
                        text.append(piece);
                    }

                    @Override
                    public void onComplete(GenerationResult result) {
                        done.complete(result);
                    }

                    @Override
                    public void onError(EngineException error) {
                        done.completeExceptionally(error);
                    }
                });
        GenerationResult r = done.join();
        return new Result(text.toString(), r);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
