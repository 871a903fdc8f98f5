package dev.sluice.worker.engine.openai;

import dev.sluice.worker.engine.EngineException;
import dev.sluice.worker.engine.Generation;
import dev.sluice.worker.engine.GenerationListener;
import dev.sluice.worker.engine.GenerationRequest;
import dev.sluice.worker.engine.GenerationResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request against the server pool, run on its own virtual thread. Failures before the
 * first text are retried on another server; after it they end the request, since a retry
 * would stream text the client already has. A watchdog closes the stream when the server
 * stays silent past the first-token or idle timeout, which unblocks the reading thread
 * ({@link UpstreamCall}: the HTTP exchange).
 */
final class RemoteStream implements Generation, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteStream.class);

    private final OpenAiEngineConfig config;
    private final ServerPool pool;
    private final UpstreamCall call;
    private final GenerationRequest request;
    private final GenerationListener listener;
    private final ToIntFunction<String> tokenCounter;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final long submittedNanos = System.nanoTime();

    RemoteStream(
            OpenAiEngineConfig config,
            ServerPool pool,
            Watchdog watchdog,
            GenerationRequest request,
            GenerationListener listener,
            ToIntFunction<String> tokenCounter) {
        this.config = config;
        this.pool = pool;
        this.call = new UpstreamCall(config, watchdog);
        this.request = request;
        this.listener = listener;
        this.tokenCounter = tokenCounter;
    }

    @Override
    public void cancel() {
        call.cancel();
    }

    @Override
    public void run() {
        Set<URI> tried = new HashSet<>();
        EngineException last = new EngineException("upstream_unavailable", "no server could be tried");
        try {
            for (int attempt = 1; attempt <= config.attempts(); attempt++) {
                if (call.cancelled()) {
                    complete(new GenerationResult(0, 0, "cancelled", elapsedMs()));
                    return;
                }
                if (tried.size() == pool.size()) {
                    tried.clear(); // every server failed once: the next try may go to any of them again
                }
                ServerPool.Server server = pool.acquire(tried);
                if (server == null) {
                    break;
                }
                tried.add(server.base);
                held.set(server);
                try {
                    attempt(server.base);
                    return;
                } catch (Retryable e) {
                    last = e.error;
                    LOG.warn(
                            "request {} failed on {} before its first token (try {}/{}): {}",
                            request.id(),
                            server.base,
                            attempt,
                            config.attempts(),
                            e.error.getMessage());
                } finally {
                    releaseHeld();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last = new EngineException("engine_closed", "the engine was shut down");
        } catch (RuntimeException e) {
            last = upstream("engine_error", "the inference server request failed", "unexpected failure: " + e, e);
        }
        fail(last);
    }

    /** One try on one server; returns when the request is finished, throws Retryable when another try may help. */
    private void attempt(URI base) throws Retryable, InterruptedException {
        String continuation = ChatCompletionBody.continuation(request);
        int continuationTokens = continuation.isEmpty() ? 0 : tokenCounter.applyAsInt(continuation);
        byte[] json = ChatCompletionBody.of(config.model(), request, continuationTokens)
                .getBytes(StandardCharsets.UTF_8);
        StreamState state =
                new StreamState(System.nanoTime() + config.firstTokenTimeout().toNanos());
        Watchdog.Watched guard = call.watch(state);
        boolean readToEnd = false;
        HttpURLConnection http = null;
        try {
            http = call.send(base, json);
            int status = http.getResponseCode();
            if (status != 200) {
                rejectStatus(base, status, http.getErrorStream());
                return;
            }
            try (InputStream in = http.getInputStream()) {
                readToEnd = read(in, state);
            }
        } catch (IOException e) {
            handleBroken(base, state, e);
        } finally {
            guard.close();
            call.end(http, readToEnd);
        }
    }

    /** Reads the event stream; true when it ended normally ([DONE] or the end of the body). */
    private boolean read(InputStream in, StreamState state) throws IOException, Retryable {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.startsWith("data:")) {
                continue; // blank separators, comments (": ping") and event/id fields
            }
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                break;
            }
            SseChunk chunk = SseChunk.parse(data);
            if (chunk.error() != null) {
                EngineException e = upstream(
                        "upstream_error",
                        "the inference server reported an error",
                        "in-stream error: " + chunk.error(),
                        null);
                if (state.text.isEmpty()) {
                    throw new Retryable(e);
                }
                fail(e);
                return false;
            }
            if (chunk.content() != null && !chunk.content().isEmpty()) {
                if (state.text.isEmpty()) {
                    state.ttftMs = elapsedMs();
                }
                state.text.append(chunk.content());
                listener.onText(chunk.content(), 1);
            }
            if (chunk.finishReason() != null) {
                state.finishReason = chunk.finishReason();
            }
            if (chunk.promptTokens() >= 0) {
                state.promptTokens = chunk.promptTokens();
                state.completionTokens = chunk.completionTokens();
            }
            state.deadline = System.nanoTime()
                    + (state.text.isEmpty()
                            ? config.firstTokenTimeout().toNanos()
                            : config.idleTimeout().toNanos());
        }
        if (call.cancelled()) {
            complete(result(state, "cancelled"));
            return false;
        } else if (state.finishReason == null) {
            throw new IOException("stream ended without a finish reason");
        } else {
            complete(result(state, "length".equals(state.finishReason) ? "length" : "stop"));
            return true;
        }
    }

    private GenerationResult result(StreamState state, String reason) {
        int prompt = state.promptTokens >= 0 ? state.promptTokens : tokenCounter.applyAsInt(request.prompt());
        int completion =
                state.promptTokens >= 0 ? state.completionTokens : tokenCounter.applyAsInt(state.text.toString());
        String text = ChatCompletionBody.continuation(request);
        int continuation = text.isEmpty() ? 0 : tokenCounter.applyAsInt(text);
        return new GenerationResult(
                prompt, completion + continuation, reason, state.ttftMs < 0 ? elapsedMs() : state.ttftMs);
    }

    private void rejectStatus(URI base, int status, @Nullable InputStream body) throws IOException, Retryable {
        String text = "";
        if (body != null) {
            try (InputStream in = body) {
                text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
        }
        EngineException e = upstream(
                status >= 500 || status == 429 ? "upstream_unavailable" : "upstream_rejected",
                "the inference server answered HTTP " + status,
                base + " answered HTTP " + status + ": " + SseChunk.errorMessage(text),
                null);
        if (status >= 500 || status == 429 || status == 408) {
            throw new Retryable(e);
        }
        fail(e);
    }

    private void handleBroken(URI base, StreamState state, IOException cause) throws Retryable {
        if (call.cancelled()) {
            complete(result(state, "cancelled"));
            return;
        }
        boolean started = !state.text.isEmpty();
        String what = state.timedOut
                ? (started
                        ? "no data for " + config.idleTimeout().toMillis() + " ms"
                        : "no first token within " + config.firstTokenTimeout().toMillis() + " ms")
                : "connection failed: " + cause.getMessage();
        String client = state.timedOut
                ? "the inference server timed out: " + what
                : "the connection to the inference server failed";
        EngineException e =
                upstream(state.timedOut ? "upstream_timeout" : "upstream_dropped", client, base + ": " + what, cause);
        if (!started) {
            throw new Retryable(e);
        }
        fail(e);
    }

    /**
     * An upstream failure as the client will see it: the code and a message without the server's
     * address or anything it sent back (internal host names, other tenants' prompts echoed in an
     * error body). The detail goes to the log with the request id, for the operator.
     */
    private EngineException upstream(String code, String clientMessage, String detail, @Nullable Throwable cause) {
        LOG.warn("request {}: {} ({})", request.id(), clientMessage, detail);
        return new EngineException(code, clientMessage, cause);
    }

    /**
     * The server's place is given back before the listener hears the end: the worker treats a
     * finished sequence's slot as free at once, and its next request must find the place free too.
     */
    private void complete(GenerationResult result) {
        if (finished.compareAndSet(false, true)) {
            releaseHeld();
            listener.onComplete(result);
        }
    }

    private void fail(EngineException e) {
        if (finished.compareAndSet(false, true)) {
            releaseHeld();
            listener.onError(e);
        }
    }

    private void releaseHeld() {
        ServerPool.Server server = held.getAndSet(null);
        if (server != null) pool.release(server);
    }

    private final java.util.concurrent.atomic.AtomicReference<ServerPool.@Nullable Server> held =
            new java.util.concurrent.atomic.AtomicReference<>();

    private double elapsedMs() {
        return (System.nanoTime() - submittedNanos) / 1e6;
    }
}
