package dev.sluice.bench.ttft;

import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Time to first token as the client sees it, minus the engine's own time to first token (read
 * from the response's record on {@code chat.completions}), over N sequential streaming requests
 * against a running dev stack: what Sluice's pipeline adds in front of the model.
 *
 * <p>Args: baseUrl token bootstrap model requests resultsFile [warm-up requests, default 5]
 */
public final class TtftOverheadBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String bootstrap = args[2];
        String model = args[3];
        int n = Integer.parseInt(args[4]);
        Path results = Path.of(args[5]);
        HttpClient http = HttpClient.newHttpClient();
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 5;
        Map<String, Double> clientTtft = new HashMap<>();
        for (int i = 0; i < n + warmup; i++) {
            String body = "{\"model\":\"" + model + "\",\"stream\":true,\"max_tokens\":16,\"temperature\":0.8,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time " + i + "\"}]}";
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long t0 = System.nanoTime();
            long sentAtMs = System.currentTimeMillis();
            HttpResponse<java.io.InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            String id = resp.headers().firstValue("X-Request-Id").orElseThrow();
            double ttft = -1;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (ttft < 0
                            && line.startsWith("data: ")
                            && line.contains("\"content\":\"")
                            && !line.contains("\"content\":\"\"")) {
                        ttft = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
            if (i >= warmup) { // the first ones warm the JIT and connections
                clientTtft.put(id, ttft);
                clientSentAtMs.put(id, sentAtMs);
                if (ttft >= 0) clientFirstAtMs.put(id, sentAtMs + Math.round(ttft));
            }
        }
        Map<String, Double> engineTtft =
                engineTtft(bootstrap, clientTtft.keySet().size(), clientTtft);
        List<Double> overhead = new ArrayList<>();
        List<Double> client = new ArrayList<>();
        for (var e : clientTtft.entrySet()) {
            Double engine = engineTtft.get(e.getKey());
            if (engine == null || e.getValue() < 0) continue;
            client.add(e.getValue());
            overhead.add(e.getValue() - engine);
        }
        String report = String.format(
                Locale.ROOT,
                "| requests | client TTFT p50 | client TTFT p99 | overhead p50 | overhead p99 | engine TTFT p50 |%n"
                        + "|---|---|---|---|---|---|%n| %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n",
                overhead.size(),
                pct(client, 50),
                pct(client, 99),
                pct(overhead, 50),
                pct(overhead, 99),
                pct(new ArrayList<>(engineTtft.values()), 50));
        StringBuilder hops = new StringBuilder("\n| hop (ms, from recorded timings) | p50 | p99 |\n|---|---|---|\n");
        HOPS.forEach(
                (k, v) -> hops.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", k, pct(v, 50), pct(v, 99))));
        report += hops;
        System.out.print(report);
        Files.writeString(results, report);
    }

    /** Per-hop medians from the recorded timings: where the overhead goes. */
    static final Map<String, List<Double>> HOPS = new java.util.LinkedHashMap<>();

    /** Wall clock (epoch ms) of each measured request's send and first content, to place the edges of the path. */
    static final Map<String, Long> clientSentAtMs = new HashMap<>();

    static final Map<String, Long> clientFirstAtMs = new HashMap<>();

    private static void hop(String name, double ms) {
        HOPS.computeIfAbsent(name, k -> new ArrayList<>()).add(ms);
    }

    private static Map<String, Double> engineTtft(String bootstrap, int expected, Map<String, Double> wanted) {
        Map<String, Double> out = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, "bench-ttft"),
                new StringDeserializer(),
                Topics.CHAT_COMPLETIONS.valueSerde().deserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.CHAT_COMPLETIONS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    CompletionRecorded c = r.value();
                    if (c != null && wanted.containsKey(c.correlationId())) {
                        var t = c.timings();
                        out.put(c.correlationId(), t.engineTtftMs());
                        // Same machine, same clock: what precedes the gateway's acceptance (TLS-free HTTP,
                        // JWT, rate limit, validation, the conversation's data key).
                        Long sent = clientSentAtMs.get(c.correlationId());
                        if (sent != null) hop("client sent -> gateway accepted", t.acceptedAtMs() - sent);
                        hop("gateway accept -> topology emitted prompt", t.routedAtMs() - t.acceptedAtMs());
                        hop("prompt emitted -> worker started", t.startedAtMs() - t.routedAtMs());
                        // An answer without tokens has no first token: nothing to count for this hop.
                        Long firstTokenAtMs = t.firstTokenAtMs();
                        if (firstTokenAtMs != null) {
                            hop("worker started -> first token produced", firstTokenAtMs - t.startedAtMs());
                            // chat.stream -> the gateway's router -> decision -> response headers and the SSE write.
                            Long read = clientFirstAtMs.get(c.correlationId());
                            if (read != null) hop("first token produced -> client read it", read - firstTokenAtMs);
                        }
                    }
                }
            }
        }
        return out;
    }

    static double pct(List<Double> values, double p) {
        if (values.isEmpty()) return Double.NaN;
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int idx = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, idx))];
    }

    private TtftOverheadBench() {}
}
