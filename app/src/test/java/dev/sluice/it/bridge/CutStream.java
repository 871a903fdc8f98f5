package dev.sluice.it.bridge;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** An SSE client that can hang up mid-stream, as a phone losing its network does. */
final class CutStream {
    /** One SSE event as read: its id (null when it had none) and data. */
    record Event(String id, String data) {
        long seq() {
            return Long.parseLong(id);
        }

        JsonNode json() {
            return Json.MAPPER.readTree(data);
        }

        String content() {
            JsonNode choices = json().path("choices");
            return choices.isEmpty()
                    ? ""
                    : choices.get(0).path("delta").path("content").asString("");
        }

        String finishReason() {
            JsonNode choices = json().path("choices");
            JsonNode f = choices.isEmpty() ? null : choices.get(0).path("finish_reason");
            return f == null || f.isNull() || f.isMissingNode() ? null : f.asString();
        }
    }

    record Read(int status, String requestId, List<Event> events, String raw) {
        String text() {
            StringBuilder sb = new StringBuilder();
            for (Event e : events) if (e.id() != null) sb.append(e.content());
            return sb.toString();
        }

        List<Long> ids() {
            return events.stream().filter(e -> e.id() != null).map(Event::seq).toList();
        }

        String finishReason() {
            return events.stream()
                    .filter(e -> e.id() != null && !e.data().startsWith("{\"error\""))
                    .map(Event::finishReason)
                    .filter(f -> f != null)
                    .findFirst()
                    .orElse(null);
        }
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpRequest post(String baseUrl, String token, String json) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    static HttpRequest get(String baseUrl, String token, String streamId, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/streams/" + streamId))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .GET();
        headers.forEach(b::header);
        return b.build();
    }

    static HttpResponse<String> cancel(String baseUrl, String token, String streamId)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/v1/streams/" + streamId + "/cancel"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Reads events until {@code stopAfter} says so (then hangs up) or the stream ends. */
    static Read read(HttpRequest request, Predicate<Event> stopAfter) throws IOException, InterruptedException {
        HttpResponse<InputStream> resp = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String requestId = resp.headers().firstValue("X-Request-Id").orElse(null);
        List<Event> events = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        try (InputStream body = resp.body();
                BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null) {
                raw.append(line).append('\n');
                if (line.startsWith("id: ")) id = line.substring(4);
                else if (line.startsWith("data: ")) data.append(line.substring(6));
                else if (line.isEmpty() && !data.isEmpty()) {
                    Event e = new Event(id, data.toString());
                    events.add(e);
                    id = null;
                    data.setLength(0);
                    if (stopAfter.test(e)) break;
                }
            }
        }
        return new Read(resp.statusCode(), requestId, events, raw.toString());
    }

    static Read readAll(HttpRequest request) throws IOException, InterruptedException {
        return read(request, e -> false);
    }

    private CutStream() {}
}
