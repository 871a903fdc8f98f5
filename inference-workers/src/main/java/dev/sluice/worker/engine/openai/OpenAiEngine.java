package dev.sluice.worker.engine.openai;

import dev.sluice.worker.engine.Generation;
import dev.sluice.worker.engine.GenerationListener;
import dev.sluice.worker.engine.GenerationRequest;
import dev.sluice.worker.engine.InferenceEngine;
import dev.sluice.worker.engine.ModelInfo;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/**
 * Generates on OpenAI-compatible servers (vLLM, trtllm-serve, llama-server, TGI) over streaming
 * HTTP. The servers batch on their GPUs; this engine spreads requests over them (least loaded
 * first, {@code perServer} at most each) and turns their SSE streams into listener calls.
 */
public final class OpenAiEngine implements InferenceEngine {
    static {
        // HttpURLConnection keeps at most http.maxConnections idle connections per server (JDK
        // default 5), read once when its keep-alive cache is first used. With hundreds of streams
        // per server every other request would connect anew (measured: 40% more client CPU per
        // streamed request at 64 in flight). A value set on the command line is left as it is.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "512");
        }
    }

    private final OpenAiEngineConfig config;
    private final ToIntFunction<String> tokenCounter;
    private final ServerPool pool;
    /**
     * Each stream is one blocking read loop over a socket, on a platform thread kept for reuse. On
     * a virtual thread every read that finds no data yet unmounts, arms the poller and is remounted
     * on a carrier by the poller thread: more than twice the context switches per chunk (53 against
     * 22 per 16-token answer) and about 1.2 ms more worker CPU per answer at 50 answers/s on 2 vCPUs
     * (bench/results/tokenpath-notes.md, session 23). The threads this needs are bounded by the
     * engine's own concurrency ({@link #slots}), and idle ones end after a minute.
     */
    private final ExecutorService streams = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("sluice-openai-stream-", 0).daemon(true).factory());

    private final Watchdog watchdog = new Watchdog("sluice-openai-watchdog");

    /**
     * @param tokenCounter counts tokens where the server reports no usage, and for
     *                     {@link #countTokens}; give it the model's real tokenizer when there is one
     */
    public OpenAiEngine(OpenAiEngineConfig config, ToIntFunction<String> tokenCounter) {
        this.config = config;
        this.tokenCounter = tokenCounter;
        this.pool = new ServerPool(config.servers(), config.perServer());
    }

    /**
     * Without a tokenizer: about four UTF-8 bytes per token, the usual ratio of BPE vocabularies
     * on English. Only used when the server sends no usage.
     */
    public static ToIntFunction<String> estimatedTokens() {
        return text -> text.isEmpty() ? 0 : Math.max(1, (text.getBytes(StandardCharsets.UTF_8).length + 3) / 4);
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo(config.model(), "openai", config.contextLength(), "gguf", null);
    }

    @Override
    public int slots() {
        return pool.capacity();
    }

    @Override
    public Generation submit(GenerationRequest request, GenerationListener listener) {
        RemoteStream stream = new RemoteStream(config, pool, watchdog, request, listener, tokenCounter);
        streams.execute(stream);
        return stream;
    }

    @Override
    public int countTokens(String text) {
        return tokenCounter.applyAsInt(text);
    }

    /** Requests running on one server now (for metrics and tests). */
    public int inFlight(java.net.URI server) {
        return pool.inFlight(server);
    }

    @Override
    public void close() {
        streams.shutdownNow();
        watchdog.close();
    }
}
