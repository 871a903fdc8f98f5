package dev.sluice.gateway.chat;

import dev.sluice.gateway.api.ApiException;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Turns an OpenAI request into Sluice's messages and sampling, or refuses it with the reason. */
public final class RequestValidator {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private final int maxMessages;
    private final int maxMessageChars;
    private final int maxTotalChars;
    private final int defaultMaxTokens;

    public RequestValidator(int maxMessages, int maxMessageChars, int maxTotalChars, int defaultMaxTokens) {
        this.maxMessages = maxMessages;
        this.maxMessageChars = maxMessageChars;
        this.maxTotalChars = maxTotalChars;
        this.defaultMaxTokens = defaultMaxTokens;
    }

    public List<ChatMessage> messages(ChatCompletionRequest request) {
        List<ChatCompletionRequest.Message> in = request.messages();
        if (in == null || in.isEmpty()) {
            throw ApiException.invalid("messages", "missing_messages", "'messages' must be a non-empty array of {role, content}.");
        }
        if (in.size() > maxMessages) {
            throw ApiException.invalid("messages", "too_many_messages", "At most " + maxMessages + " messages are accepted; got " + in.size() + ".");
        }
        List<ChatMessage> out = new ArrayList<>(in.size());
        int total = 0;
        for (int i = 0; i < in.size(); i++) {
            ChatCompletionRequest.Message m = in.get(i);
            String param = "messages[" + i + "]";
            if (m == null || m.role() == null || !ROLES.contains(m.role())) {
                throw ApiException.invalid(param + ".role", "invalid_role", "Each message needs a role: one of system, developer, user, assistant, tool.");
            }
            String text = text(m.content(), param + ".content");
            if (text.length() > maxMessageChars) {
                throw ApiException.invalid(param + ".content", "message_too_long", "A message may hold at most " + maxMessageChars + " characters; this one has " + text.length() + ".");
            }
            total += text.length();
            String role = "developer".equals(m.role()) ? "system" : m.role();
            out.add(new ChatMessage(role, text));
        }
        if (total > maxTotalChars) {
            throw ApiException.invalid("messages", "messages_too_long", "All messages together may hold at most " + maxTotalChars + " characters; these have " + total + ".");
        }
        if (!"user".equals(out.getLast().role())) {
            throw ApiException.invalid("messages", "last_message_not_user", "The last message must be the user's turn.");
        }
        return out;
    }

    public Sampling sampling(ChatCompletionRequest request, int modelContext) {
        if (request.n() != null && request.n() != 1) {
            throw ApiException.invalid("n", "unsupported_n", "Only n = 1 is supported.");
        }
        Double t = request.temperature();
        if (t != null && (t.isNaN() || t < 0 || t > 2)) {
            throw ApiException.invalid("temperature", "invalid_temperature", "temperature must be between 0 and 2.");
        }
        Double p = request.topP();
        if (p != null && (p.isNaN() || p <= 0 || p > 1)) {
            throw ApiException.invalid("top_p", "invalid_top_p", "top_p must be greater than 0 and at most 1.");
        }
        Integer max = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
        String maxParam = request.maxCompletionTokens() != null ? "max_completion_tokens" : "max_tokens";
        if (max != null && (max < 1 || max > modelContext)) {
            throw ApiException.invalid(maxParam, "invalid_max_tokens", maxParam + " must be between 1 and the model's context length (" + modelContext + ").");
        }
        return new Sampling(t, p, max == null ? Math.min(defaultMaxTokens, modelContext) : max, stop(request.stop()), request.seed());
    }

    private static List<String> stop(JsonNode stop) {
        if (stop == null || stop.isNull()) return List.of();
        if (stop.isString()) return List.of(stop.asString());
        if (stop.isArray() && stop.size() <= 4) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : stop) {
                if (!s.isString() || s.asString().isEmpty()) break;
                out.add(s.asString());
            }
            if (out.size() == stop.size()) return out;
        }
        throw ApiException.invalid("stop", "invalid_stop", "stop must be a string or an array of up to 4 non-empty strings.");
    }

    private static String text(JsonNode content, String param) {
        if (content == null || content.isNull()) {
            throw ApiException.invalid(param, "missing_content", "Each message needs content.");
        }
        if (content.isString()) return content.asString();
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (!part.isObject() || !"text".equals(part.path("type").asString("")) || !part.path("text").isString()) {
                    throw ApiException.invalid(param, "unsupported_content", "Only text content parts ({\"type\":\"text\",\"text\":...}) are supported.");
                }
                sb.append(part.path("text").asString());
            }
            return sb.toString();
        }
        throw ApiException.invalid(param, "invalid_content", "content must be a string or an array of text parts.");
    }
}
