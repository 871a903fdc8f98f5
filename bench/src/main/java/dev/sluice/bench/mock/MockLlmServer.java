package dev.sluice.bench.mock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.schemas.serde.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI-compatible model server that generates nothing: it answers
 * {@code POST /v1/chat/completions} (streaming or not) and {@code GET /v1/models} with
 * {@link MockSettings}' timing, so a benchmark can subtract the model's own time to first token
 * and measure only what sits in front of it. One virtual thread per request; waiting costs a
 * parked virtual thread, so thousands of concurrent streams fit in a small heap.
 */
public final class MockLlmServer implements AutoCloseable {
    private final MockSettings settings;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong requests = new AtomicLong();

    public MockLlmServer(String host, int port, MockSettings settings) throws IOException {
        this.settings = settings;
        // A deep accept backlog: an open-loop load generator opens connections in bursts.
        this.server = HttpServer.create(new InetSocketAddress(host, port), 4096);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::completions);
        server.createContext("/v1/models", this::models);
        server.createContext("/health", ex -> respond(ex, 200, "{\"status\":\"ok\"}"));
    }

    public MockLlmServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Base URL as OpenAI clients take it, e.g. {@code http://127.0.0.1:4321/v1}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port() + "/v1";
    }

    public long requestsServed() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void models(HttpExchange ex) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            respond(ex, 405, MockCompletions.error("use GET", "invalid_request_error"));
            return;
        }
        respond(ex, 200, MockCompletions.models(settings.model(), System.currentTimeMillis() / 1000));
    }

    private void completions(HttpExchange ex) throws IOException {
        long arrived = System.nanoTime();
        if (!"POST".equals(ex.getRequestMethod())) {
            respond(ex, 405, MockCompletions.error("use POST", "invalid_request_error"));
            return;
        }
        JsonNode request;
        try (var in = ex.getRequestBody()) {
            request = Json.MAPPER.readTree(in.readAllBytes());
        } catch (RuntimeException e) {
            respond(
                    ex,
                    400,
                    MockCompletions.error("request body is not JSON: " + e.getMessage(), "invalid_request_error"));
            return;
        }
        requests.incrementAndGet();
        int maxTokens = request.path("max_tokens")
                .asInt(request.path("max_completion_tokens").asInt(Integer.MAX_VALUE));
        int n = Math.max(1, Math.min(settings.tokens(), maxTokens));
        String finish = n < settings.tokens() ? "length" : "stop";
        String id = "chatcmpl-" + UUID.randomUUID();
        String model = request.path("model").asString(settings.model());
        long number = settings.varied() ? MockCompletions.requestNumber(request) : -1;
        long created = System.currentTimeMillis() / 1000;
        int promptTokens = MockCompletions.promptTokens(request);
        if (request.path("stream").asBoolean(false)) {
            stream(
                    ex,
                    arrived,
                    id,
                    created,
                    model,
                    n,
                    finish,
                    promptTokens,
                    request.path("stream_options").path("include_usage").asBoolean(false),
                    number);
        } else {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) text.append(MockCompletions.token(i, number));
            sleepUntil(tokenDue(arrived, n - 1));
            respond(ex, 200, MockCompletions.completion(id, created, model, text.toString(), finish, promptTokens, n));
        }
    }

    private void stream(
            HttpExchange ex,
            long arrived,
            String id,
            long created,
            String model,
            int n,
            String finish,
            int promptTokens,
            boolean includeUsage,
            long number)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            // Like vLLM: the role arrives at once, the first token after the time to first token.
            event(out, MockCompletions.roleChunk(id, created, model));
            for (int i = 0; i < n; i++) {
                sleepUntil(tokenDue(arrived, i));
                event(out, MockCompletions.contentChunk(id, created, model, MockCompletions.token(i, number)));
            }
            event(out, MockCompletions.finishChunk(id, created, model, finish));
            if (includeUsage) event(out, MockCompletions.usageChunk(id, created, model, promptTokens, n));
            event(out, "[DONE]");
        } catch (IOException e) {
            // The client went away (a cancel): nothing to answer.
        }
    }

    /** Deadlines from the arrival time, not from the last write, so slow writes do not stretch the schedule. */
    private long tokenDue(long arrived, int index) {
        return arrived
                + settings.ttft().toNanos()
                + index * settings.interTokenDelay().toNanos();
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleepUntil(long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) LockSupport.parkNanos(left);
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
