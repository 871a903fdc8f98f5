package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.serde.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A real prompt through real Kafka, the topology and llama.cpp, read back as SSE. */
class ChatCompletionsEndToEndTest {
    private static TestStack stack;
    private static String token;

    @BeforeAll
    static void start() {
        stack = TestStack.get();
        token = stack.token("alice");
    }

    @Test
    void streamsStoryTextAsOpenAiChunksUntilDone() throws Exception {
        var result = SseClient.post(
                stack.baseUrl() + "/v1/chat/completions",
                token,
                "{\"model\":\"stories260K\",\"stream\":true,\"temperature\":0,\"max_tokens\":24,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}]}");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Type")).startsWith("text/event-stream");
        assertThat(result.header("X-Request-Id")).isNotBlank();
        List<SseClient.Event> events = result.events();
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        String finish = null;
        long lastId = -1;
        for (SseClient.Event e : events.subList(0, events.size() - 1)) {
            JsonNode chunk = Json.MAPPER.readTree(e.data());
            assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asString()).isEqualTo("chatcmpl-" + result.header("X-Request-Id"));
            long id = Long.parseLong(e.id());
            assertThat(id).as("event ids increase").isGreaterThan(lastId);
            lastId = id;
            JsonNode choice = chunk.path("choices").get(0);
            text.append(choice.path("delta").path("content").asString(""));
            if (!choice.path("finish_reason").isNull())
                finish = choice.path("finish_reason").asString();
        }
        // Greedy output of stories260K from this prompt (llama2.c's published sample starts so).
        assertThat(text.toString()).startsWith(", there was a little girl named Lily");
        assertThat(finish).isEqualTo("length");
    }

    @Test
    void nonStreamingReturnsCompletionWithRealUsage() throws Exception {
        var result = SseClient.post(
                stack.baseUrl() + "/v1/chat/completions",
                token,
                "{\"model\":\"stories260K\",\"temperature\":0,\"max_tokens\":10,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}]}");

        assertThat(result.status()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(result.body());
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").asString())
                .startsWith(", there was");
        assertThat(body.path("choices").get(0).path("finish_reason").asString()).isEqualTo("length");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(10);
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isGreaterThan(0);
    }

    @Test
    void listsTheLoadedModel() throws Exception {
        var result = SseClient.get(stack.baseUrl() + "/v1/models", token, Map.of());
        JsonNode body = Json.MAPPER.readTree(result.body());
        assertThat(body.path("data").get(0).path("id").asString()).isEqualTo("stories260K");
    }

    @Test
    void unknownModelIs404InOpenAiShape() throws Exception {
        var result = SseClient.post(
                stack.baseUrl() + "/v1/chat/completions",
                token,
                "{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(result.status()).isEqualTo(404);
        JsonNode body = Json.MAPPER.readTree(result.body());
        assertThat(body.path("error").path("code").asString()).isEqualTo("model_not_found");
        assertThat(body.path("error").path("param").asString()).isEqualTo("model");
    }

    @Test
    void missingTokenIs401WithChallenge() throws Exception {
        var result = SseClient.post(
                stack.baseUrl() + "/v1/chat/completions",
                null,
                "{\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(result.status()).isEqualTo(401);
        assertThat(result.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(Json.MAPPER
                        .readTree(result.body())
                        .path("error")
                        .path("code")
                        .asString())
                .isEqualTo("invalid_api_key");
    }

    @Test
    void serverSideHistoryContinuesAConversation() throws Exception {
        var first = SseClient.post(
                stack.baseUrl() + "/v1/chat/completions",
                token,
                "{\"model\":\"stories260K\",\"temperature\":0,\"max_tokens\":5,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}]}");
        String conversation = first.header("X-Conversation-Id");
        var second = SseClient.post(
                stack.baseUrl() + "/v1/chat/completions",
                token,
                "{\"model\":\"stories260K\",\"temperature\":0,\"max_tokens\":5,\"conversation_id\":\"" + conversation
                        + "\"," + "\"messages\":[{\"role\":\"user\",\"content\":\"Then\"}]}");
        assertThat(second.status()).isEqualTo(200);
        JsonNode usage = Json.MAPPER.readTree(second.body()).path("usage");
        JsonNode firstUsage = Json.MAPPER.readTree(first.body()).path("usage");
        // The second prompt carries the first turn and its answer, so it is longer.
        assertThat(usage.path("prompt_tokens").asInt())
                .isGreaterThan(firstUsage.path("prompt_tokens").asInt() + 5);

        // Conversation ids are scoped by user: a stranger naming alice's id gets a conversation of
        // their own, without alice's turns, and alice's conversation is untouched by it.
        var stranger = SseClient.post(
                stack.baseUrl() + "/v1/chat/completions",
                stack.token("mallory"),
                "{\"model\":\"stories260K\",\"temperature\":0,\"max_tokens\":5,\"conversation_id\":\"" + conversation
                        + "\"," + "\"messages\":[{\"role\":\"user\",\"content\":\"Then\"}]}");
        assertThat(stranger.status()).isEqualTo(200);
        assertThat(Json.MAPPER
                        .readTree(stranger.body())
                        .path("usage")
                        .path("prompt_tokens")
                        .asInt())
                .as("the stranger's prompt carries none of alice's turns")
                .isLessThan(usage.path("prompt_tokens").asInt());
        var third = SseClient.post(
                stack.baseUrl() + "/v1/chat/completions",
                token,
                "{\"model\":\"stories260K\",\"temperature\":0,\"max_tokens\":5,\"conversation_id\":\"" + conversation
                        + "\"," + "\"messages\":[{\"role\":\"user\",\"content\":\"Then\"}]}");
        assertThat(third.status()).isEqualTo(200);
        assertThat(Json.MAPPER
                        .readTree(third.body())
                        .path("usage")
                        .path("prompt_tokens")
                        .asInt())
                .as("alice's third prompt carries her two earlier exchanges")
                .isGreaterThan(usage.path("prompt_tokens").asInt());
    }
}
