package dev.sluice.worker.engine.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sluice.schemas.serde.Json;
import java.util.List;
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
record SseChunk(
        @Nullable String content,
        @Nullable String finishReason,
        int promptTokens,
        int completionTokens,
        @Nullable String error) {

    /**
     * Reads one event's JSON into small records rather than a tree: this runs for every token of
     * every running sequence, and a tree allocates a map per object.
     */
    static SseChunk parse(String data) {
        Wire root;
        try {
            root = Json.MAPPER.readValue(data, Wire.class);
        } catch (JacksonException e) {
            return new SseChunk(null, null, -1, -1, "unreadable stream event: " + abbreviate(data));
        }
        if (root == null) {
            return new SseChunk(null, null, -1, -1, "unreadable stream event: " + abbreviate(data));
        }
        JsonNode error = root.error();
        if (error != null && !error.isNull() && !error.isMissingNode()) {
            String message = error.isString()
                    ? error.stringValue()
                    : error.path("message").asString(error.toString());
            return new SseChunk(null, null, -1, -1, message);
        }
        WireChoice choice = root.choices() == null || root.choices().isEmpty()
                ? null
                : root.choices().getFirst();
        WireUsage usage = root.usage();
        Integer promptTokens = usage == null ? null : usage.promptTokens();
        Integer completionTokens = usage == null ? null : usage.completionTokens();
        return new SseChunk(
                choice == null || choice.delta() == null ? null : choice.delta().content(),
                choice == null ? null : choice.finishReason(),
                promptTokens != null ? promptTokens : -1,
                promptTokens != null && completionTokens != null ? completionTokens : -1,
                null);
    }

    record Wire(
            @Nullable List<WireChoice> choices,
            @Nullable WireUsage usage,
            @Nullable JsonNode error) {}

    record WireChoice(
            @Nullable WireDelta delta,
            @JsonProperty("finish_reason") @Nullable String finishReason) {}

    record WireDelta(@Nullable String content) {}

    record WireUsage(
            @JsonProperty("prompt_tokens") @Nullable Integer promptTokens,
            @JsonProperty("completion_tokens") @Nullable Integer completionTokens) {}

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
