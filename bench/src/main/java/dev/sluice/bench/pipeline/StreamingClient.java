package dev.sluice.bench.pipeline;

import dev.sluice.schemas.serde.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * Sends one streaming chat completion and times its content deltas. Blocking reads on a virtual
 * thread per stream: the simplest code that still holds thousands of streams open.
 */
public final class StreamingClient implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final URI endpoint;
    private final String token;
    private final String model;
    private final int maxTokens;
    private final java.util.function.IntFunction<@org.jspecify.annotations.Nullable String> expectedText;

    /** @param baseUrl up to and including {@code /v1}, e.g. {@code http://127.0.0.1:8080/v1} */
    public StreamingClient(String baseUrl, String token, String model, int maxTokens) {
        this(baseUrl, token, model, maxTokens, (String) null);
    }

    /** @param expectedText when set, a response whose whole text differs (a token lost, repeated or reordered) is a failure */
    public StreamingClient(
            String baseUrl,
            String token,
            String model,
            int maxTokens,
            @org.jspecify.annotations.Nullable String expectedText) {
        this(baseUrl, token, model, maxTokens, seq -> expectedText);
    }

    /** @param expectedText request number → the text its response must have (null: not checked) */
    public StreamingClient(
            String baseUrl,
            String token,
            String model,
            int maxTokens,
            java.util.function.IntFunction<@org.jspecify.annotations.Nullable String> expectedText) {
        this.expectedText = expectedText;
        this.endpoint = URI.create(baseUrl + "/chat/completions");
        this.token = token;
        this.model = model;
        this.maxTokens = maxTokens;
    }

    /** @param scheduledNanos when the open-loop schedule wanted this request sent ({@link System#nanoTime()}) */
    public StreamResult send(int seq, long scheduledNanos) {
        return send(seq, scheduledNanos, null);
    }

    /** @param conversationId continues that conversation ({@code conversation_id}); null: a new one per request */
    public StreamResult send(int seq, long scheduledNanos, @org.jspecify.annotations.Nullable String conversationId) {
        String body = "{\"model\":" + Json.MAPPER.writeValueAsString(model) + ",\"stream\":true,\"max_tokens\":"
                + maxTokens
                + (conversationId == null ? "" : ",\"conversation_id\":\"" + conversationId + "\"")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story, number " + seq + "\"}]}";
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null && !token.isBlank()) req.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<InputStream> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader r = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                if (resp.statusCode() != 200)
                    return StreamResult.failed("HTTP " + resp.statusCode() + ": " + firstLine(r));
                return read(r, scheduledNanos, expectedText.apply(seq));
            }
        } catch (Exception e) {
            return StreamResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static StreamResult read(BufferedReader r, long scheduledNanos) throws IOException {
        return read(r, scheduledNanos, null);
    }

    static StreamResult read(
            BufferedReader r, long scheduledNanos, @org.jspecify.annotations.Nullable String expectedText)
            throws IOException {
        StringBuilder text = expectedText == null ? null : new StringBuilder(expectedText.length());
        double ttft = Double.NaN;
        double last = Double.NaN;
        double[] gaps = new double[16];
        double[] tokenAt = new double[16];
        int deltas = 0;
        int tokens = 0;
        boolean done = false;
        String line;
        while ((line = r.readLine()) != null) {
            if (!line.startsWith("data:")) continue;
            String data = line.substring(5).trim();
            if (data.equals("[DONE]")) {
                done = true;
                break;
            }
            JsonNode event = Json.MAPPER.readTree(data);
            if (event.has("error"))
                return StreamResult.failed(
                        "error event: " + event.path("error").path("message").asString(""));
            String content =
                    event.path("choices").path(0).path("delta").path("content").asString("");
            if (content.isEmpty()) continue;
            if (text != null) text.append(content);
            double at = (System.nanoTime() - scheduledNanos) / 1e6;
            if (deltas == 0) {
                ttft = at;
            } else {
                if (deltas - 1 == gaps.length) gaps = Arrays.copyOf(gaps, gaps.length * 2);
                gaps[deltas - 1] = at - last;
            }
            last = at;
            deltas++;
            int n = mockTokens(content);
            while (tokens + n > tokenAt.length) tokenAt = Arrays.copyOf(tokenAt, tokenAt.length * 2);
            Arrays.fill(tokenAt, tokens, tokens + n, at);
            tokens += n;
        }
        if (!done) return StreamResult.failed("stream ended without [DONE] after " + deltas + " deltas");
        if (text != null && expectedText != null && !text.toString().equals(expectedText)) {
            return StreamResult.failed("text differs from what the engine sent (" + text.length() + " chars received, "
                    + expectedText.length() + " sent): a token was lost, repeated or reordered");
        }
        return new StreamResult(
                ttft,
                Arrays.copyOf(gaps, Math.max(0, deltas - 1)),
                last,
                tokens,
                null,
                deltas,
                Arrays.copyOf(tokenAt, tokens));
    }

    /**
     * How many of the mock's tokens a delta holds: each is a word with a leading space or a
     * full stop (see the mock's word list), so a delta that merged several still counts each.
     * Any other text counts as one token per delta.
     */
    static int mockTokens(String content) {
        int n = 0;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == ' ' || c == '.') n++;
        }
        return Math.max(1, n);
    }

    private static String firstLine(BufferedReader r) throws IOException {
        String line = r.readLine();
        return line == null ? "" : line.length() > 200 ? line.substring(0, 200) : line;
    }

    @Override
    public void close() {
        http.close();
    }
}
