package dev.sluice.bridge.sse;

import dev.sluice.schemas.event.Usage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** OpenAI's {@code chat.completion.chunk} and {@code chat.completion} JSON for one response. */
public final class ChunkFormat {
    /** Keeps nulls: OpenAI clients expect {@code "finish_reason": null} to be present. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String id;
    private final String model;
    private final long created;

    public ChunkFormat(String correlationId, String model, long createdEpochSeconds) {
        this.id = "chatcmpl-" + correlationId;
        this.model = model;
        this.created = createdEpochSeconds;
    }

    public String delta(@Nullable String role, @Nullable String content, @Nullable String finishReason) {
        Map<String, Object> delta = new LinkedHashMap<>();
        if (role != null) delta.put("role", role);
        if (content != null) delta.put("content", content);
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        return JSON.writeValueAsString(envelope("chat.completion.chunk", List.of(choice), null));
    }

    public String usageChunk(Usage usage) {
        return JSON.writeValueAsString(envelope("chat.completion.chunk", List.of(), usage(usage)));
    }

    public Map<String, Object> completion(String content, String finishReason, Usage usage) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", content);
        message.put("refusal", null);
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        return envelope("chat.completion", List.of(choice), usage(usage));
    }

    public static String error(String message, String type, @Nullable String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        return JSON.writeValueAsString(Map.of("error", error));
    }

    private Map<String, Object> envelope(String object, List<?> choices, @Nullable Map<String, Object> usage) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("object", object);
        m.put("created", created);
        m.put("model", model);
        m.put("system_fingerprint", null);
        m.put("choices", choices);
        if (usage != null) m.put("usage", usage);
        return m;
    }

    private static Map<String, Object> usage(Usage usage) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("prompt_tokens", usage.promptTokens());
        u.put("completion_tokens", usage.completionTokens());
        u.put("total_tokens", usage.totalTokens());
        return u;
    }
}
