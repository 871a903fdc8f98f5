package dev.sluice.worker.engine.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.schemas.serde.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small OpenAI-compatible streaming server on 127.0.0.1: it answers
 * {@code POST /v1/chat/completions} with real chunked SSE, one word per chunk, and can be told
 * to fail in the ways real servers do (HTTP 500, a dropped connection, a stall).
 */
final class FakeOpenAiServer implements AutoCloseable {
    enum Fault {
        NONE,
        STATUS_500,
        STATUS_400,
        DROP_BEFORE_FIRST_TOKEN,
        STALL_AFTER_TWO_TOKENS,
        STALL_BEFORE_FIRST_TOKEN
    }

    private final HttpServer server;
    private final List<String> words;
    private final CopyOnWriteArrayList<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger faultsLeft = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Fault fault = Fault.NONE;
    private volatile long delayMs;
    private volatile boolean sendUsage = true;

    FakeOpenAiServer(String text) throws IOException {
        this.words = List.of(text.split("(?<= )"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code times} requests fail with {@code f}; later ones succeed. */
    FakeOpenAiServer failing(Fault f, int times) {
        fault = f;
        faultsLeft.set(times);
        return this;
    }

    FakeOpenAiServer delayPerToken(long ms) {
        delayMs = ms;
        return this;
    }

    FakeOpenAiServer withoutUsage() {
        sendUsage = false;
        return this;
    }

    List<JsonNode> requests() {
        return requests;
    }

    private void handle(HttpExchange ex) throws IOException {
        JsonNode body = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes());
        requests.add(body);
        Fault f = faultsLeft.getAndDecrement() > 0 ? fault : Fault.NONE;
        switch (f) {
            case STATUS_500 -> respond(ex, 500, "{\"error\":{\"message\":\"engine overloaded\"}}");
            case STATUS_400 ->
                respond(ex, 400, "{\"error\":{\"message\":\"this model's maximum context length is 8192 tokens\"}}");
            case DROP_BEFORE_FIRST_TOKEN -> ex.close(); // no status line: the client sees the connection end
            default -> stream(ex, body, f);
        }
    }

    private void stream(HttpExchange ex, JsonNode body, Fault f) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        int max = body.path("max_tokens").asInt(Integer.MAX_VALUE);
        try (OutputStream out = ex.getResponseBody()) {
            if (f == Fault.STALL_BEFORE_FIRST_TOKEN) {
                stall();
            }
            int sent = 0;
            for (String w : words) {
                if (sent == max) {
                    break;
                }
                if (f == Fault.STALL_AFTER_TWO_TOKENS && sent == 2) {
                    stall();
                }
                pause();
                event(out, chunk(w, null));
                sent++;
            }
            event(out, chunk(null, sent == max && sent < words.size() ? "length" : "stop"));
            if (sendUsage && body.path("stream_options").path("include_usage").asBoolean(false)) {
                ObjectNode usage = Json.MAPPER.createObjectNode();
                usage.putArray("choices");
                usage.putObject("usage")
                        .put("prompt_tokens", 11)
                        .put("completion_tokens", sent)
                        .put("total_tokens", 11 + sent);
                event(out, usage.toString());
            }
            event(out, "[DONE]");
        } catch (IOException closedByClient) {
            // the client went away (cancel or timeout): nothing more to send
        }
    }

    private static String chunk(String content, String finish) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("object", "chat.completion.chunk");
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (content != null) {
            delta.put("content", content);
        }
        if (finish != null) {
            choice.put("finish_reason", finish);
        } else {
            choice.putNull("finish_reason");
        }
        return c.toString();
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void pause() {
        if (delayMs > 0) {
            sleep(delayMs);
        }
    }

    private void stall() {
        try {
            released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
