package dev.sluice.bench.engine;

import dev.sluice.schemas.event.Sampling;
import dev.sluice.worker.engine.EngineException;
import dev.sluice.worker.engine.GenerationListener;
import dev.sluice.worker.engine.GenerationRequest;
import dev.sluice.worker.engine.GenerationResult;
import dev.sluice.worker.engine.ffm.FfmEngine;
import dev.sluice.worker.engine.ffm.FfmEngineConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sluice's FFM engine: one engine per concurrency level with exactly that many slots, like the peer's context. */
final class FfmThroughput {
    private FfmThroughput() {}

    static List<EngineBench.Measurement> run(
            Path model, int maxTokens, List<Integer> levels, int threads, int context) {
        List<EngineBench.Measurement> out = new ArrayList<>();
        for (int n : levels) {
            FfmEngineConfig config = FfmEngineConfig.of(model)
                    .withSlots(n)
                    .withContextPerSlot(context)
                    .withThreads(threads);
            try (FfmEngine engine = new FfmEngine(config)) {
                generate(engine, n, 64); // warm-up: first-use allocations and JIT compilation are not the steady state
                long start = System.nanoTime();
                double cpu = EngineBench.processCpuSeconds();
                int tokens = generate(engine, n, maxTokens);
                out.add(new EngineBench.Measurement(
                        n, tokens, (System.nanoTime() - start) / 1e9, EngineBench.processCpuSeconds() - cpu));
            }
        }
        return out;
    }

    /** Runs {@code n} greedy sequences at once and returns the tokens they generated. */
    static int generate(FfmEngine engine, int n, int maxTokens) {
        List<CompletableFuture<GenerationResult>> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CompletableFuture<GenerationResult> f = new CompletableFuture<>();
            engine.submit(
                    new GenerationRequest(
                            "bench-" + i,
                            null,
                            EngineBench.PROMPT,
                            List.of(),
                            new Sampling(0.0, null, maxTokens, List.of(), null),
                            ""),
                    completing(f));
            done.add(f);
        }
        return done.stream().mapToInt(f -> f.join().completionTokens()).sum();
    }

    static GenerationListener completing(CompletableFuture<GenerationResult> f) {
        return new GenerationListener() {
            @Override
            public void onText(String text, int tokens) {}

            @Override
            public void onComplete(GenerationResult result) {
                f.complete(result);
            }

            @Override
            public void onError(EngineException error) {
                f.completeExceptionally(error);
            }
        };
    }
}
