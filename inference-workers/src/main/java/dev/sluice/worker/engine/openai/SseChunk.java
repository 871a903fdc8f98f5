package dev.sluice.worker.engine.openai;

import dev.sluice.schemas.serde.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The parts of one {@code chat.completion.chunk} the engine uses. Servers differ in what they
 * send: vLLM and llama-server put usage in a last chunk with empty choices when asked with
 * {@code stream_options.include_usage}; some send an {@code error} object mid-stream.
 *
 * @param promptTokens -1 when the chunk carries no usage
 */
record SseChunk(@Nullable String content, @Nullable String finishReason, int promptTokens, int completionTokens,
                @Nullable String error) {

    static SseChunk parse(String data) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(data);
        } catch (JacksonException e) {
            return new SseChunk(null, null, -1, -1, "unreadable stream event: " + abbreviate(data));
        }
        JsonNode error = root.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            String message = error.isString() ? error.stringValue() : error.path("message").asString(error.toString());
            return new SseChunk(null, null, -1, -1, message);
        }
        JsonNode choice = root.path("choices").path(0);
        JsonNode content = choice.path("delta").path("content");
        JsonNode finish = choice.path("finish_reason");
        JsonNode usage = root.path("usage");
        boolean hasUsage = usage.isObject() && usage.path("prompt_tokens").isNumber();
        return new SseChunk(
                content.isString() ? content.stringValue() : null,
                finish.isString() ? finish.stringValue() : null,
                hasUsage ? usage.path("prompt_tokens").asInt() : -1,
                hasUsage ? usage.path("completion_tokens").asInt() : -1,
                null);
    }

    /** The message of an OpenAI-style error body, or the body itself, shortened. */
    static String errorMessage(String body) {
        try {
            JsonNode message = Json.MAPPER.readTree(body).path("error").path("message");
            if (message.isString()) {
                return message.stringValue();
            }
        } catch (JacksonException ignored) {
            // not JSON: show the raw text
        }
        return abbreviate(body);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
