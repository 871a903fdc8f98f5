package dev.sluice.bench.engine;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * de.kherud:llama 4.2.0 driven directly: one model with {@code n} parallel slots, {@code n}
 * threads each iterating a streaming generate(). bench/engines.sh starts one JVM per level
 * because the binding's native threads outlive close().
 */
final class KherudThroughput {
    private KherudThroughput() {}

    static List<EngineBench.Measurement> run(
            Path model, int maxTokens, List<Integer> levels, int threads, int context) {
        List<EngineBench.Measurement> out = new ArrayList<>();
        for (int n : levels) {
            ModelParameters params = new ModelParameters()
                    .setModel(model.toString())
                    .setThreads(threads)
                    .setThreadsBatch(threads)
                    .setParallel(n)
                    .setCtxSize(n * context)
                    .setGpuLayers(0)
                    .enableContBatching()
                    .disableLog();
            LlamaModel llama = new LlamaModel(params);
            generate(llama, n, 64);
            long start = System.nanoTime();
            double cpu = EngineBench.processCpuSeconds();
            int tokens = generate(llama, n, maxTokens);
            out.add(new EngineBench.Measurement(
                    n, tokens, (System.nanoTime() - start) / 1e9, EngineBench.processCpuSeconds() - cpu));
        }
        return out;
    }

    private static int generate(LlamaModel llama, int n, int maxTokens) {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<CompletableFuture<Integer>> counts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                counts.add(CompletableFuture.supplyAsync(
                        () -> {
                            InferenceParameters p = new InferenceParameters(EngineBench.PROMPT)
                                    .setTemperature(0f)
                                    .setNPredict(maxTokens)
                                    .setCachePrompt(false);
                            int c = 0;
                            for (LlamaOutput ignored : llama.generate(p)) {
                                c++;
                            }
                            return c;
                        },
                        pool));
            }
            return counts.stream().mapToInt(CompletableFuture::join).sum();
        }
    }
}
