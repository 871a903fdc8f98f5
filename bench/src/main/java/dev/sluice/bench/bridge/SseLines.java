package dev.sluice.bench.bridge;

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

/** A java.net.http SSE reader that hands each event (id, chunk content) to a callback as soon as its lines arrive. */
final class SseLines {
    interface Handler {
        /** @return false to hang up */
        boolean event(long id, String content, String data);
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Returns the HTTP status. */
    static int read(String url, String token, long lastEventId, Handler handler)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .GET();
        if (lastEventId >= 0) b.header("Last-Event-ID", Long.toString(lastEventId));
        HttpResponse<InputStream> resp = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = resp.body();
                BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            long id = -1;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("data: ")) {
                    String data = line.substring(6);
                    if (!handler.event(id, content(data), data)) break;
                    id = -1;
                }
            }
        }
        return resp.statusCode();
    }

    /** The delta content of a chunk without a JSON parse (the bench's texts hold no quotes or escapes). */
    static String content(String data) {
        int i = data.indexOf("\"content\":\"");
        if (i < 0) return "";
        int start = i + 11;
        return data.substring(start, data.indexOf('"', start));
    }

    private SseLines() {}
}
