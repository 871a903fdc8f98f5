package dev.sluice.gateway.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Chat Completions request. Fields Sluice does not use are ignored, as OpenAI does.
 * {@code content} and {@code stop} keep their JSON form because OpenAI allows several shapes.
 */
public record ChatCompletionRequest(
        @Nullable String model,
        @Nullable List<Message> messages,
        @Nullable Boolean stream,
        @JsonProperty("stream_options") @Nullable StreamOptions streamOptions,
        @Nullable Double temperature,
        @JsonProperty("top_p") @Nullable Double topP,
        @JsonProperty("max_tokens") @Nullable Integer maxTokens,
        @JsonProperty("max_completion_tokens") @Nullable Integer maxCompletionTokens,
        @Nullable JsonNode stop,
        @Nullable Long seed,
        @Nullable Integer n,
        @JsonProperty("conversation_id") @Nullable String conversationId) {

    public record Message(
            @Nullable String role,
            @Nullable JsonNode content,
            @Nullable String name) {}

    public record StreamOptions(
            @JsonProperty("include_usage") @Nullable Boolean includeUsage) {}

    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    public boolean includeUsage() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }
}
