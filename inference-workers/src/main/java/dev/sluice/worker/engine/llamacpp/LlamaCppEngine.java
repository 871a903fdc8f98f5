package dev.sluice.worker.engine.llamacpp;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import dev.sluice.schemas.event.Sampling;
import dev.sluice.worker.engine.EngineException;
import dev.sluice.worker.engine.Generation;
import dev.sluice.worker.engine.GenerationListener;
import dev.sluice.worker.engine.GenerationRequest;
import dev.sluice.worker.engine.GenerationResult;
import dev.sluice.worker.engine.InferenceEngine;
import dev.sluice.worker.engine.ModelInfo;
import dev.sluice.worker.gguf.GgufMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process llama.cpp through {@code de.kherud:llama}: one model, {@code slots} parallel
 * sequences in llama.cpp's server loop, prompt caching per slot. Each sequence is driven by
 * its own platform thread (the binding's iterator blocks in native code).
 */
public final class LlamaCppEngine implements InferenceEngine {
    private static final Logger log = LoggerFactory.getLogger(LlamaCppEngine.class);

    private final LlamaModel model;
    private final ModelInfo info;
    private final int slots;
    private final int contextPerSlot;
    private final ExecutorService threads;

    public LlamaCppEngine(Path modelFile, String modelId, LlamaCppSettings settings) {
        if (!Files.isRegularFile(modelFile)) {
            throw new EngineException(
                    "model_not_found", "model file " + modelFile.toAbsolutePath() + " does not exist");
        }
        GgufMetadata meta;
        try {
            meta = GgufMetadata.read(modelFile);
        } catch (IOException e) {
            throw new EngineException("invalid_model", "cannot read " + modelFile + ": " + e.getMessage(), e);
        }
        ensureNativeDir();
        this.slots = settings.slots();
        this.contextPerSlot = Math.min(meta.contextLength(), settings.contextPerSlot());
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> log.debug("llama.cpp {}: {}", level, message.strip()));
        this.model = new LlamaModel(new ModelParameters()
                .setModel(modelFile.toString())
                .setCtxSize(contextPerSlot * slots)
                .setParallel(slots)
                .setThreads(settings.threads())
                .setThreadsBatch(settings.threads())
                .setGpuLayers(settings.gpuLayers())
                .enableContBatching());
        this.info = new ModelInfo(modelId, "llamacpp", contextPerSlot, meta.templateKind(), meta.chatTemplate());
        this.threads = Executors.newFixedThreadPool(
                slots, Thread.ofPlatform().name("llamacpp-seq-", 0).daemon().factory());
        log.info(
                "loaded {} ({}; context {} per slot, {} slots, {} threads, template {})",
                modelId,
                meta.architecture(),
                contextPerSlot,
                slots,
                settings.threads(),
                info.template());
    }

    /** LlamaOutput.stop is package-private in the binding; read it without copying the binding's code. */
    private static final java.lang.invoke.VarHandle STOP = stopHandle();

    private static java.lang.invoke.VarHandle stopHandle() {
        try {
            return java.lang.invoke.MethodHandles.privateLookupIn(
                            LlamaOutput.class, java.lang.invoke.MethodHandles.lookup())
                    .findVarHandle(LlamaOutput.class, "stop", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static boolean isStopMarker(LlamaOutput out) {
        return (boolean) STOP.get(out);
    }

    /** The binding unpacks its library into this directory and fails if it does not exist. */
    private static void ensureNativeDir() {
        String dir = System.getProperty("de.kherud.llama.tmpdir");
        if (dir == null) return;
        try {
            Files.createDirectories(Path.of(dir));
        } catch (IOException e) {
            throw new EngineException(
                    "native_dir", "cannot create " + dir + " for llama.cpp's native library: " + e.getMessage(), e);
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public int countTokens(String text) {
        return text.isEmpty() ? 0 : model.encode(text).length;
    }

    @Override
    public Generation submit(GenerationRequest request, GenerationListener listener) {
        RunningSequence sequence = new RunningSequence(request, listener);
        threads.execute(sequence::run);
        return sequence;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        model.close();
    }

    private final class RunningSequence implements Generation {
        private final GenerationRequest request;
        private final GenerationListener listener;
        private volatile boolean cancelled;

        RunningSequence(GenerationRequest request, GenerationListener listener) {
            this.request = request;
            this.listener = listener;
        }

        /**
         * Only flags the sequence: the generating thread stops at the next token and cancels the
         * native task itself. Cancelling the native task from this (the cancel listener's)
         * thread while the generating thread waits in {@code receiveCompletion} left that wait
         * without a result, so the sequence hung, never sent {@code done} and kept its slot.
         */
        @Override
        public void cancel() {
            cancelled = true;
        }

        void run() {
            long start = System.nanoTime();
            try {
                String prompt = request.prompt() + request.continuation();
                int promptTokens = countTokens(prompt);
                // Checked here, before any native call: llama.cpp asserts (and kills the JVM) on overflow.
                if (promptTokens >= contextPerSlot - 1) {
                    listener.onError(new EngineException(
                            "context_length_exceeded",
                            "The prompt has " + promptTokens + " tokens; this model's context holds " + contextPerSlot
                                    + ". Shorten the conversation."));
                    return;
                }
                // A takeover continues an answer: the tokens already streamed count against max_tokens.
                int already = countTokens(request.continuation());
                int budget = Math.min(request.sampling().maxTokens() - already, contextPerSlot - promptTokens - 1);
                if (budget <= 0) {
                    listener.onComplete(new GenerationResult(promptTokens, already, "length", 0));
                    return;
                }
                InferenceParameters params = parameters(prompt, request.sampling(), budget);
                StringBuilder generated = new StringBuilder();
                double ttftMs = -1;
                int pieces = 0;
                if (!cancelled) {
                    LlamaIterator iterator = model.generate(params).iterator();
                    while (!cancelled && iterator.hasNext()) {
                        LlamaOutput out = iterator.next();
                        // The stream ends with a marker output (stop flag, no text) that is no token.
                        if (out.text.isEmpty() && isStopMarker(out)) break;
                        // Every other output is one sampled token, also when its text is empty (a
                        // token holding part of a multi-byte character): count it, send nothing.
                        pieces++;
                        if (out.text.isEmpty()) continue;
                        if (ttftMs < 0) ttftMs = (System.nanoTime() - start) / 1e6;
                        generated.append(out.text);
                        listener.onText(out.text, 1);
                    }
                    if (cancelled && iterator.hasNext()) iterator.cancel();
                }
                // The binding streams one output per sampled token, so counting outputs counts tokens
                // (re-tokenizing the text can differ at piece boundaries).
                int completionTokens = pieces;
                String finish = cancelled ? "cancelled" : pieces >= budget ? "length" : "stop";
                completionTokens += already;
                listener.onComplete(new GenerationResult(promptTokens, completionTokens, finish, Math.max(ttftMs, 0)));
            } catch (RuntimeException e) {
                listener.onError(new EngineException("engine_error", "generation failed: " + e.getMessage(), e));
            }
        }
    }

    static InferenceParameters parameters(String prompt, Sampling sampling, int maxTokens) {
        InferenceParameters p =
                new InferenceParameters(prompt).setNPredict(maxTokens).setCachePrompt(true);
        double temperature = sampling.temperature() == null ? 0.8 : sampling.temperature();
        p.setTemperature((float) temperature);
        if (temperature == 0.0) p.setTopK(1);
        if (sampling.topP() != null) p.setTopP(sampling.topP().floatValue());
        if (sampling.seed() != null) p.setSeed((int) (long) sampling.seed());
        if (!sampling.stop().isEmpty()) p.setStopStrings(sampling.stop().toArray(String[]::new));
        return p;
    }
}
