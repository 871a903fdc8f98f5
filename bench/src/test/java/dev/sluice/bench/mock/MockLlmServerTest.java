package dev.sluice.bench.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.serde.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MockLlmServerTest {
    private static final int TOKENS = 6;

    private MockLlmServer server;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        server = new MockLlmServer(
                        "127.0.0.1",
                        0,
                        new MockSettings("mock-llm", Duration.ofMillis(5), Duration.ofMillis(1), TOKENS))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    @Test
    void streamsRoleThenOneChunkPerTokenThenFinishUsageAndDone() throws Exception {
        List<String> data = sse(post("{\"model\":\"m1\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"tell me a story\"}]}"));

        assertThat(data).hasSize(1 + TOKENS + 1 + 1 + 1);
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonNode> events = data.subList(0, data.size() - 1).stream()
                .map(Json.MAPPER::readTree)
                .toList();
        String id = events.getFirst().path("id").asString();
        assertThat(id).startsWith("chatcmpl-");
        for (JsonNode e : events) {
            assertThat(e.path("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(e.path("id").asString()).isEqualTo(id);
            assertThat(e.path("model").asString()).isEqualTo("m1");
        }
        assertThat(events.getFirst().at("/choices/0/delta/role").asString()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        for (JsonNode e : events.subList(1, 1 + TOKENS)) {
            String content = e.at("/choices/0/delta/content").asString();
            assertThat(content).isNotEmpty();
            assertThat(e.at("/choices/0/finish_reason").isNull()).isTrue();
            text.append(content);
        }
        assertThat(text.toString()).isEqualTo(" Once upon a time there was");
        assertThat(events.get(1 + TOKENS).at("/choices/0/finish_reason").asString())
                .isEqualTo("stop");
        JsonNode usage = events.getLast();
        assertThat(usage.path("choices").size()).isZero();
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(TOKENS);
        assertThat(usage.at("/usage/prompt_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void maxTokensCutsTheStreamShortWithFinishReasonLength() throws Exception {
        List<String> data = sse(
                post(
                        "{\"model\":\"m1\",\"stream\":true,\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

        assertThat(data).hasSize(1 + 2 + 1 + 1);
        assertThat(Json.MAPPER
                        .readTree(data.get(3))
                        .at("/choices/0/finish_reason")
                        .asString())
                .isEqualTo("length");
    }

    @Test
    void answersWithoutStreamingAsOneCompletionWithUsage() throws Exception {
        HttpResponse<String> resp =
                post("{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}");

        assertThat(resp.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(resp.body());
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/content").asString()).isEqualTo(" Once upon a time there was");
        assertThat(body.at("/choices/0/finish_reason").asString()).isEqualTo("stop");
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(2 + TOKENS);
    }

    @Test
    void listsItsModel() throws Exception {
        HttpResponse<String> resp = http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(resp.body()).at("/data/0/id").asString())
                .isEqualTo("mock-llm");
    }

    @Test
    void rejectsABodyThatIsNotJsonWithAnOpenAiError() throws Exception {
        HttpResponse<String> resp = post("not json");

        assertThat(resp.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(resp.body()).at("/error/type").asString())
                .isEqualTo("invalid_request_error");
    }

    @Test
    void servesManyConcurrentStreamsInFull() throws Exception {
        int streams = 300;
        List<Future<List<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < streams; i++) {
                results.add(pool.submit(() -> sse(post(
                        "{\"model\":\"m1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))));
            }
        }
        for (Future<List<String>> f : results)
            assertThat(f.get()).hasSize(1 + TOKENS + 1 + 1).endsWith("[DONE]");
        assertThat(server.requestsServed()).isEqualTo(streams);
    }

    @Test
    void aVariedMockAnswersEachRequestNumberWithATextOfItsOwn() throws Exception {
        MockLlmServer varied = new MockLlmServer(
                        "127.0.0.1", 0, new MockSettings("mock-llm", Duration.ZERO, Duration.ZERO, 40, true))
                .start();
        try {
            String first = streamedText(varied, "Tell me a story, number 17");
            String second = streamedText(varied, "Tell me a story, number 18");

            assertThat(first).isEqualTo(MockCompletions.text(40, 17)).contains(" n17");
            assertThat(second).isEqualTo(MockCompletions.text(40, 18)).isNotEqualTo(first);
            // The same number of tokens as the shared answer: each word still counts as one.
            assertThat(first.chars().filter(c -> c == ' ' || c == '.').count())
                    .isEqualTo(MockCompletions.text(40)
                            .chars()
                            .filter(c -> c == ' ' || c == '.')
                            .count());
            assertThat(streamedText(varied, "no number here")).isEqualTo(MockCompletions.text(40));
        } finally {
            varied.close();
        }
        // Without the setting every request gets the same text, whatever its number.
        assertThat(streamedText(server, "Tell me a story, number 17")).isEqualTo(MockCompletions.text(TOKENS));
    }

    private String streamedText(MockLlmServer to, String prompt) throws Exception {
        HttpResponse<String> resp = http.send(
                HttpRequest.newBuilder(URI.create(to.baseUrl() + "/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        StringBuilder text = new StringBuilder();
        for (String data : sse(resp)) {
            if (data.equals("[DONE]")) continue;
            text.append(
                    Json.MAPPER.readTree(data).at("/choices/0/delta/content").asString(""));
        }
        return text.toString();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The data fields of an SSE body, in order. */
    private static List<String> sse(HttpResponse<String> resp) {
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        return resp.body()
                .lines()
                .filter(l -> l.startsWith("data: "))
                .map(l -> l.substring(6))
                .toList();
    }
}
