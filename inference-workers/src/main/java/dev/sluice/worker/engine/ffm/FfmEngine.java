package dev.sluice.worker.engine.ffm;

import dev.sluice.schemas.metrics.MeterNames;
import dev.sluice.worker.engine.EngineException;
import dev.sluice.worker.engine.Generation;
import dev.sluice.worker.engine.GenerationListener;
import dev.sluice.worker.engine.GenerationRequest;
import dev.sluice.worker.engine.InferenceEngine;
import dev.sluice.worker.engine.ModelInfo;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * In-process llama.cpp through Java's FFM API, with continuous batching: all running
 * sequences advance together in one llama_decode per step (see {@link DecodeLoop}), each in
 * its own KV stream, and a new prompt reuses the longest prefix a free slot already holds.
 * Prompts that cannot fit are refused here, before any native call could assert and take
 * the JVM down.
 */
public final class FfmEngine implements InferenceEngine, MeterBinder {
    private final FfmEngineConfig config;
    private final NativeModel model;
    private final DecodeLoop loop;
    private final Thread thread;
    private final ModelInfo info;
    private final int bos;
    private volatile boolean closed;
    /** Tokenizing callers hold the read lock, so close() never frees the model under them. */
    private final ReentrantReadWriteLock life = new ReentrantReadWriteLock();

    public FfmEngine(FfmEngineConfig config) {
        this.config = config;
        LlamaLibrary lib = LlamaLibrary.load(config.libDir());
        this.model = new NativeModel(lib, config);
        int[] probe = model.tokenize("", true);
        this.bos = probe.length > 0 ? probe[0] : -1;
        this.loop = new DecodeLoop(model, config.slots(), config.promptChunk());
        this.info = new ModelInfo(
                config.modelId(),
                "ffm",
                model.contextPerSlot(),
                templateKind(model.chatTemplate()),
                model.chatTemplate());
        this.thread = Thread.ofPlatform().name("sluice-ffm-decode").daemon(true).start(loop);
    }

    private static String templateKind(@Nullable String chatTemplate) {
        if (chatTemplate == null) {
            return "plain";
        }
        return chatTemplate.contains("<|start_header_id|>") ? "llama3" : "gguf";
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public int slots() {
        return config.slots();
    }

    @Override
    public Generation submit(GenerationRequest request, GenerationListener listener) {
        life.readLock().lock();
        try {
            if (closed) {
                Submission s = new Submission(request, listener, new int[0], 0, 0, null, () -> {});
                s.fail(new EngineException("engine_closed", "the engine was shut down"));
                return s;
            }
            String continuation = request.continuation() == null ? "" : request.continuation();
            int[] tokens = promptTokens(request.prompt() + continuation);
            int promptTokens = continuation.isEmpty() ? tokens.length : promptTokens(request.prompt()).length;
            int continuationTokens = Math.max(0, tokens.length - promptTokens);
            EngineException rejected = null;
            if (tokens.length == 0) {
                rejected = new EngineException("invalid_prompt", "the prompt is empty");
            } else if (tokens.length >= model.contextPerSlot()) {
                rejected = new EngineException(
                        "context_length_exceeded",
                        "the prompt has " + tokens.length
                                + " tokens but this model's context holds " + model.contextPerSlot()
                                + " tokens per sequence, including at least one generated token");
            }
            Submission s =
                    new Submission(request, listener, tokens, promptTokens, continuationTokens, rejected, loop::wake);
            loop.offer(s);
            return s;
        } finally {
            life.readLock().unlock();
        }
    }

    /**
     * Prompt tokens with exactly one BOS: templated prompts (Llama 3) already start with it as
     * text, and llama.cpp would add a second one.
     */
    private int[] promptTokens(String text) {
        int[] tokens = model.tokenize(text, true);
        if (bos >= 0 && tokens.length >= 2 && tokens[0] == bos && tokens[1] == bos) {
            return Arrays.copyOfRange(tokens, 1, tokens.length);
        }
        return tokens;
    }

    @Override
    public int countTokens(String text) {
        life.readLock().lock();
        try {
            if (closed) {
                throw new EngineException("engine_closed", "the engine was shut down");
            }
            return model.tokenize(text, false).length;
        } finally {
            life.readLock().unlock();
        }
    }

    /** Sequences generating now. */
    public int running() {
        return loop.runningCount;
    }

    /** Requests submitted but not yet in a slot. */
    public int waiting() {
        return loop.waitingCount;
    }

    /** Tokens sampled since start. */
    public long generatedTokens() {
        return loop.generatedTokens.get();
    }

    /** Prompt tokens served from a slot's KV cache instead of being decoded again. */
    public long reusedPromptTokens() {
        return loop.reusedPromptTokens.get();
    }

    /** Prompt tokens that had to be decoded. */
    public long decodedPromptTokens() {
        return loop.decodedPromptTokens.get();
    }

    /** Engine-side load and prefix reuse; the worker loop has its own request-level metrics. */
    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder(MeterNames.ENGINE_SLOTS_BUSY, this, FfmEngine::running).register(meters);
        Gauge.builder(MeterNames.ENGINE_SLOTS_WAITING, this, FfmEngine::waiting).register(meters);
        FunctionCounter.builder(MeterNames.ENGINE_TOKENS_SAMPLED, this, FfmEngine::generatedTokens)
                .register(meters);
        FunctionCounter.builder(MeterNames.ENGINE_PROMPT_TOKENS_REUSED, this, FfmEngine::reusedPromptTokens)
                .description("prompt tokens served from a slot's KV cache (prefix hits)")
                .register(meters);
        FunctionCounter.builder(MeterNames.ENGINE_PROMPT_TOKENS_DECODED, this, FfmEngine::decodedPromptTokens)
                .register(meters);
    }

    /** Stops the decode thread, fails what is still running, then frees the model once no caller is tokenizing. */
    @Override
    public void close() {
        life.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            life.writeLock().unlock();
        }
        loop.stop();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            model.close();
        }
    }
}
