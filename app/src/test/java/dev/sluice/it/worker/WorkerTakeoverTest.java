package dev.sluice.it.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.app.SluiceApplication;
import dev.sluice.app.dev.DevStack;
import dev.sluice.app.dev.WorkerProcess;
import dev.sluice.gateway.auth.DevKey;
import dev.sluice.gateway.auth.DevTokens;
import dev.sluice.gateway.models.ModelCatalog;
import dev.sluice.it.Models;
import dev.sluice.schemas.serde.Json;
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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A worker process is killed (SIGKILL, as a native crash would end it) in the middle of a
 * streamed answer. Its supervisor restarts it; the new worker finds the unfinished prompt, reads
 * what was already streamed from chat.stream and continues. The client, still connected, sees
 * every sequence number exactly once, in order, and the answer ends normally.
 */
@Timeout(240)
class WorkerTakeoverTest {
    private static DevStack infra;
    private static ConfigurableApplicationContext gateway;
    private static WorkerProcess worker;
    private static String baseUrl;
    private static String token;
    private static final List<String> workerLog = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("sluice-takeover-");
        Files.createDirectories(dir.resolve("native"));
        infra = DevStack.start(dir, null, null, null);
        Map<String, Object> props = new HashMap<>(infra.properties());
        props.put("sluice.data-dir", dir.toString());
        props.put("sluice.roles", "gateway,topology");
        props.put("sluice.dev.enabled", "true");
        props.put("server.port", "0");
        String[] args = props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        gateway = new SpringApplication(SluiceApplication.class).run(args);
        baseUrl = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
        token = new DevTokens(DevKey.loadOrCreate(dir)).mint("carol", Duration.ofHours(1));

        Map<String, String> workerProps = new HashMap<>(infra.properties());
        workerProps.put("sluice.data-dir", dir.toString());
        workerProps.put(
                "sluice.model", Models.require("random-llama-76M-q4_0.gguf").toString());
        workerProps.put("sluice.engine.slots", "2");
        workerProps.put("sluice.engine.context-per-slot", "1024");
        workerProps.put("server.port", "0");
        worker = new WorkerProcess(workerProps, workerLog::add).start();
        ModelCatalog catalog = gateway.getBean(ModelCatalog.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (catalog.all().isEmpty() && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(catalog.all())
                .as("worker announced its model; its output: %s", workerLog)
                .isNotEmpty();
    }

    @AfterAll
    static void stop() {
        if (worker != null) worker.close();
        if (gateway != null) gateway.close();
        if (infra != null) infra.close();
    }

    @Test
    void aKilledWorkersAnswerIsContinuedWithoutGapsOrRepeats() throws Exception {
        String body = "{\"model\":\"random-llama-76M-q4_0\",\"stream\":true,\"temperature\":0,\"max_tokens\":600,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a long story.\"}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(180))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<java.io.InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);

        List<Long> ids = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        String finish = null;
        JsonNode usage = null;
        int chunksAfterKill = 0;
        boolean killed = false;
        Process victim = worker.current();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("id: ")) ids.add(Long.parseLong(line.substring(4)));
                if (!line.startsWith("data: ") || line.equals("data: [DONE]")) continue;
                JsonNode chunk = Json.MAPPER.readTree(line.substring(6));
                if (chunk.has("error")) throw new AssertionError("stream ended with an error: " + line);
                if (chunk.has("usage") && !chunk.get("usage").isNull()) usage = chunk.get("usage");
                JsonNode choice = chunk.path("choices").path(0);
                String piece = choice.path("delta").path("content").asString("");
                text.append(piece);
                if (!choice.path("finish_reason").isNull()
                        && !choice.path("finish_reason").isMissingNode())
                    finish = choice.path("finish_reason").asString();
                if (!piece.isEmpty() && killed) chunksAfterKill++;
                if (!killed && ids.size() > 20) {
                    victim.destroyForcibly();
                    killed = true;
                }
            }
        }

        assertThat(killed).as("the worker was killed mid-stream").isTrue();
        assertThat(victim.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(worker.current()).as("the supervisor started a new worker").isNotSameAs(victim);
        assertThat(chunksAfterKill).as("the new worker continued the answer").isPositive();
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i))
                    .as("event ids are consecutive: no gap, no repeat (%s)", ids)
                    .isEqualTo(ids.get(i - 1) + 1);
        }
        List<String> takeover = workerLog.stream()
                .filter(l -> l.contains("taking over") || l.contains("took partitions") || l.contains("ERROR"))
                .toList();
        // Random weights may sample end-of-sequence at any point, so the answer ends by stop or length.
        assertThat(finish)
                .as("finish reason; usage %s; %d ids; worker said %s", usage, ids.size(), takeover)
                .isIn("stop", "length");
        assertThat(takeover)
                .as("the new worker continued from what was streamed")
                .anyMatch(l -> l.contains("taking over a response at seq"));
        // Usage counts the tokens of both workers: every streamed piece is at least one token.
        assertThat(usage.path("completion_tokens").asInt())
                .isGreaterThanOrEqualTo(ids.size() - 2)
                .isLessThanOrEqualTo(600);
        assertThat(text.length()).isPositive();
    }
}
