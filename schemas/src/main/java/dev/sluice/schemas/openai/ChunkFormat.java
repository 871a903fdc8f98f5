package dev.sluice.schemas.openai;

import dev.sluice.schemas.event.Usage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/** OpenAI's {@code chat.completion.chunk} and {@code chat.completion} JSON for one response. */
public final class ChunkFormat {
    /** Keeps nulls: OpenAI clients expect {@code "finish_reason": null} to be present. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String id;
    private final String model;
    private final long created;
    /** Everything of a delta chunk before the delta's fields: the same for every token of a response. */
    private final String deltaPrefix;

    public ChunkFormat(String correlationId, String model, long createdEpochSeconds) {
        this.id = "chatcmpl-" + correlationId;
        this.model = model;
        this.created = createdEpochSeconds;
        StringBuilder b = new StringBuilder(160).append("{\"id\":");
        quote(b, id)
                .append(",\"object\":\"chat.completion.chunk\",\"created\":")
                .append(created)
                .append(",\"model\":");
        quote(b, model).append(",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{");
        this.deltaPrefix = b.toString();
    }

    /**
     * One token's chunk. Written by hand, not through maps and the object mapper: it runs once per
     * token per connection, and the maps were the largest allocation on the delivery path. The
     * bytes are the same as {@link #envelope} would give (a test compares them).
     */
    public String delta(@Nullable String role, @Nullable String content, @Nullable String finishReason) {
        StringBuilder b = new StringBuilder(deltaPrefix.length() + 64 + (content == null ? 0 : content.length() + 8))
                .append(deltaPrefix);
        if (role != null) quote(b.append("\"role\":"), role);
        if (content != null) quote(b.append(role != null ? ",\"content\":" : "\"content\":"), content);
        b.append("},\"logprobs\":null,\"finish_reason\":");
        if (finishReason == null) b.append("null");
        else quote(b, finishReason);
        return b.append("}]}").toString();
    }

    /** The chunk as maps through the object mapper: the reference {@link #delta} must match. */
    String deltaViaMapper(@Nullable String role, @Nullable String content, @Nullable String finishReason) {
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

    private static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, b);
        return b.append('"');
    }

    public String usageChunk(Usage usage) {
        return JSON.writeValueAsString(envelope("chat.completion.chunk", List.of(), usage(usage)));
    }

    public Map<String, Object> completion(String content, @Nullable String finishReason, Usage usage) {
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

    /** The {@code data:} line of a stream that ends in an error: OpenAI's error body, without a param. */
    public static String error(String message, String type, @Nullable String code) {
        return OpenAiError.of(message, type, null, code).json();
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
