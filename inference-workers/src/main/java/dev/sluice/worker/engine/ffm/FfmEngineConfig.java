package dev.sluice.worker.engine.ffm;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * @param model          the GGUF file
 * @param libDir         folder with libllama.v0.4.0.so and its ggml libraries
 * @param modelId        the id clients ask for
 * @param slots          sequences decoded together (one KV stream each)
 * @param contextPerSlot tokens one sequence may hold, prompt plus output
 * @param threads        llama.cpp compute threads; 1 is fastest on a 2-vCPU host shared with the JVM
 * @param batchSize      rows one llama_decode may take (n_batch = n_ubatch)
 * @param promptChunk    most prompt tokens one step decodes, so running sequences and cancels
 *                       wait at most one chunk for a long new prompt
 * @param flashAttention llama.cpp's flash attention; null chooses by head size: on for heads of
 *                       32 and more dimensions (decode of random-llama-76M: 8 sequences +40%
 *                       tokens per CPU-second), off below (stories260K, 8-dimension heads: prompts
 *                       3-4x slower and 8-way decode 2.5x slower with it); see bench/results/engines.md
 */
public record FfmEngineConfig(
        Path model,
        Path libDir,
        String modelId,
        int slots,
        int contextPerSlot,
        int threads,
        int batchSize,
        int promptChunk,
        @Nullable Boolean flashAttention) {

    /** Where {@code npm ci} in inference-workers/native puts the libraries. */
    public static final String NPM_LIB_SUBDIR = "node_modules/@node-llama-cpp/linux-x64/bins/linux-x64";

    public FfmEngineConfig {
        if (slots < 1 || slots > 256) {
            throw new IllegalArgumentException("slots must be 1..256, was " + slots);
        }
        if (contextPerSlot < 16) {
            throw new IllegalArgumentException("contextPerSlot must be at least 16, was " + contextPerSlot);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (batchSize < slots + 1) {
            throw new IllegalArgumentException("batchSize must exceed slots so prompts can join, was " + batchSize);
        }
        if (promptChunk < 1 || promptChunk > batchSize) {
            throw new IllegalArgumentException("promptChunk must be 1..batchSize, was " + promptChunk);
        }
    }

    /** 8 slots of 2,048 tokens, 1 thread, the libraries from {@link #defaultLibDir()}. */
    public static FfmEngineConfig of(Path model) {
        String name = model.getFileName().toString().replaceFirst("\\.gguf$", "");
        return new FfmEngineConfig(model, defaultLibDir(), name, 8, 2048, 1, 512, 256, null);
    }

    public FfmEngineConfig withSlots(int n) {
        return new FfmEngineConfig(
                model,
                libDir,
                modelId,
                n,
                contextPerSlot,
                threads,
                Math.max(batchSize, n + 1),
                promptChunk,
                flashAttention);
    }

    public FfmEngineConfig withContextPerSlot(int n) {
        return new FfmEngineConfig(model, libDir, modelId, slots, n, threads, batchSize, promptChunk, flashAttention);
    }

    public FfmEngineConfig withThreads(int n) {
        return new FfmEngineConfig(
                model, libDir, modelId, slots, contextPerSlot, n, batchSize, promptChunk, flashAttention);
    }

    public FfmEngineConfig withFlashAttention(@Nullable Boolean on) {
        return new FfmEngineConfig(model, libDir, modelId, slots, contextPerSlot, threads, batchSize, promptChunk, on);
    }

    public FfmEngineConfig withLibDir(Path dir) {
        return new FfmEngineConfig(
                model, dir, modelId, slots, contextPerSlot, threads, batchSize, promptChunk, flashAttention);
    }

    public FfmEngineConfig withModelId(String id) {
        return new FfmEngineConfig(
                model, libDir, id, slots, contextPerSlot, threads, batchSize, promptChunk, flashAttention);
    }

    /**
     * {@code sluice.llama.lib-dir} if set; else the npm folder under inference-workers/native,
     * looked up from the working directory (a source checkout: the module itself or the
     * repository root); else the libraries packed in the jar, extracted once to
     * {@code $SLUICE_DATA_DIR/native/llama-v0.4.0} (a container image has no npm folder).
     */
    public static Path defaultLibDir() {
        String configured = System.getProperty("sluice.llama.lib-dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String base : new String[] {"native", "inference-workers/native", "../inference-workers/native"}) {
            Path dir = Path.of(base, NPM_LIB_SUBDIR);
            if (dir.toFile().isDirectory()) {
                return dir.toAbsolutePath().normalize();
            }
        }
        Path target = NativeBundle.defaultTarget(
                System.getenv("SLUICE_DATA_DIR"),
                System.getProperty("java.io.tmpdir"),
                System.getProperty("user.name", "sluice"));
        return NativeBundle.ofThisJar()
                .extractTo(target)
                .orElse(Path.of("inference-workers/native", NPM_LIB_SUBDIR).toAbsolutePath());
    }
}
