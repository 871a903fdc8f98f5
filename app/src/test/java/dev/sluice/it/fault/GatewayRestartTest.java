package dev.sluice.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.GatewayInstance;
import dev.sluice.it.SseClient;
import dev.sluice.it.TestStack;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.event.CompletionRecorded;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A gateway goes away while a client is streaming from it: its web server stops, dropping
 * open connections as when its pod is killed, and its Spring context shuts down.
 * The client re-attaches to a fresh gateway with {@code Last-Event-ID} and gets the rest: the
 * two parts add up to the stored completion, with no gap and no repeat.
 */
@Timeout(360)
class GatewayRestartTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aClientResumesOnAnotherGatewayAfterItsGatewayStops() throws Exception {
        TestStack stack = TestStack.get();
        String token = stack.token("gateway-restart");
        GatewayInstance firstGateway = new GatewayInstance(stack, Map.of("server.shutdown", "immediate"));
        ConfigurableApplicationContext first = firstGateway.context();
        HttpRequest post = HttpRequest.newBuilder(URI.create(firstGateway.baseUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        StreamedAnswer.request("Tell me a long story about a dragon and a king.", 1500)))
                .build();

        // The gateway is stopped from the reading thread as soon as event 2 arrives, its web
        // server first, so its connections drop at once as when its process dies; the client
        // then reads what had already reached it, until its connection ends.
        Part before;
        try {
            before = read(post, e -> {
                if ("2".equals(e.id())) {
                    ((WebServerApplicationContext) first).getWebServer().stop();
                    first.close();
                }
            });
        } finally {
            first.close();
        }
        String requestId = before.requestId();
        long last = before.ids().getLast();

        try (GatewayInstance second = new GatewayInstance(stack, Map.of())) {
            HttpRequest resume = HttpRequest.newBuilder(URI.create(second.baseUrl() + "/v1/streams/" + requestId))
                    .timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + token)
                    .header("Last-Event-ID", Long.toString(last))
                    .GET()
                    .build();
            // A client resumes as the API says: on 503 (the registry could not be read yet) it retries after
            // Retry-After.
            Part after = read(resume, e -> {});
            for (int attempt = 0; after.status() == 503 && attempt < 30; attempt++) {
                Thread.sleep(1_000);
                after = read(resume, e -> {});
            }
            System.out.printf(
                    "gateway-restart: %d events from the stopped gateway (done: %s), %d after resuming%n",
                    before.ids().size(), before.done(), after.ids().size());

            assertThat(before.done())
                    .as(
                            "the first gateway stopped before the answer ended (%d events)",
                            before.ids().size())
                    .isFalse();
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.done()).as("the resumed stream ends with [DONE]").isTrue();
            List<Long> ids = new ArrayList<>(before.ids());
            ids.addAll(after.ids());
            for (int i = 0; i < ids.size(); i++)
                assertThat(ids.get(i))
                        .as("event ids, no gap, no repeat: %s", ids)
                        .isEqualTo(i);
            CompletionRecorded stored = CompletionsTopic.read(
                            stack.property("sluice.kafka.bootstrap"),
                            stack.context().getBean(ContentCipher.class),
                            List.of(requestId),
                            Duration.ofSeconds(120))
                    .get(requestId)
                    .getFirst();
            assertThat(before.text() + after.text())
                    .as("the two parts are the stored completion")
                    .isEqualTo(stored.content());
        }
    }

    private record Part(int status, String requestId, List<Long> ids, String text, boolean done) {}

    /** Reads SSE events until the stream or the connection ends, calling {@code onEvent} for each. */
    private static Part read(HttpRequest request, java.util.function.Consumer<SseClient.Event> onEvent)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
        List<SseClient.Event> events = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("id: ")) id = line.substring(4);
                else if (line.startsWith("data: ")) data.append(line.substring(6));
                else if (line.isEmpty() && !data.isEmpty()) {
                    SseClient.Event e = new SseClient.Event(id, data.toString());
                    events.add(e);
                    id = null;
                    data.setLength(0);
                    onEvent.accept(e);
                }
            }
        } catch (IOException dropped) {
            // The gateway went away mid-stream: what arrived before is what the client has.
        }
        StreamedAnswer answer = StreamedAnswer.of(
                new SseClient.Result(response.statusCode(), response.headers().map(), events, ""));
        return new Part(response.statusCode(), requestId, answer.ids(), answer.text(), answer.done());
    }
}
