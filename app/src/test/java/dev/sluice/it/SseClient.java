package dev.sluice.it;

import java.io.BufferedReader;
import java.io.IOException;
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

/** A minimal SSE reader over java.net.http, as a browser's EventSource would read the stream. */
public final class SseClient {
    public record Event(String id, String data) {}

    public record Result(int status, Map<String, List<String>> headers, List<Event> events, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static Result post(String url, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return read(b.build());
    }

    public static Result get(String url, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        headers.forEach(b::header);
        return read(b.build());
    }

    private static Result read(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> resp = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<Event> events = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null) {
                body.append(line).append('\n');
                if (line.startsWith("id: ")) id = line.substring(4);
                else if (line.startsWith("data: ")) data.append(line.substring(6));
                else if (line.isEmpty() && !data.isEmpty()) {
                    events.add(new Event(id, data.toString()));
                    id = null;
                    data.setLength(0);
                }
            }
        }
        return new Result(resp.statusCode(), resp.headers().map(), events, body.toString());
    }

    private SseClient() {}
}
