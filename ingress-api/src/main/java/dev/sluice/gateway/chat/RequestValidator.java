package dev.sluice.gateway.chat;

import dev.sluice.gateway.api.ApiException;
import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Turns an OpenAI request into Sluice's messages and sampling, or refuses it with the reason. */
public final class RequestValidator {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final int maxMessages;
    private final int maxMessageChars;
    private final int maxTotalChars;
    private final int maxMessageTokens;
    private final int maxTotalTokens;
    private final int defaultMaxTokens;

    public RequestValidator(GatewaySettings settings) {
        this(
                settings.maxMessages(),
                settings.maxMessageChars(),
                settings.maxTotalChars(),
                settings.maxMessageTokens(),
                settings.maxTotalTokens(),
                settings.defaultMaxTokens());
    }

    public RequestValidator(
            int maxMessages,
            int maxMessageChars,
            int maxTotalChars,
            int maxMessageTokens,
            int maxTotalTokens,
            int defaultMaxTokens) {
        this.maxMessages = maxMessages;
        this.maxMessageChars = maxMessageChars;
        this.maxTotalChars = maxTotalChars;
        this.maxMessageTokens = maxMessageTokens;
        this.maxTotalTokens = maxTotalTokens;
        this.defaultMaxTokens = defaultMaxTokens;
    }

    public List<ChatMessage> messages(ChatCompletionRequest request) {
        List<ChatCompletionRequest.Message> in = request.messages();
        if (in == null || in.isEmpty()) {
            throw ApiException.invalid(
                    "messages", "missing_messages", "'messages' must be a non-empty array of {role, content}.");
        }
        if (in.size() > maxMessages) {
            throw ApiException.invalid(
                    "messages",
                    "too_many_messages",
                    "At most " + maxMessages + " messages are accepted; got " + in.size() + ".");
        }
        List<ChatMessage> out = new ArrayList<>(in.size());
        int total = 0;
        int totalTokens = 0;
        for (int i = 0; i < in.size(); i++) {
            ChatCompletionRequest.Message m = in.get(i);
            String param = "messages[" + i + "]";
            if (m == null || m.role() == null || !ROLES.contains(m.role())) {
                throw ApiException.invalid(
                        param + ".role",
                        "invalid_role",
                        "Each message needs a role: one of system, developer, user, assistant, tool.");
            }
            if (m.name() != null && !NAME.matcher(m.name()).matches()) {
                throw ApiException.invalid(
                        param + ".name", "invalid_name", "name must be 1 to 64 letters, digits, _ or -.");
            }
            String text = text(m.content(), param + ".content");
            if (text.length() > maxMessageChars) {
                throw ApiException.invalid(
                        param + ".content",
                        "message_too_long",
                        "A message may hold at most " + maxMessageChars + " characters; this one has " + text.length()
                                + ".");
            }
            checkCharacters(text, param + ".content");
            int tokens = TokenEstimate.of(text) + TokenEstimate.PER_MESSAGE_OVERHEAD;
            if (tokens > maxMessageTokens) {
                throw ApiException.invalid(
                        param + ".content",
                        "message_too_long",
                        "A message may hold about " + maxMessageTokens + " tokens; this one is estimated at " + tokens
                                + ". Shorten it or split it.");
            }
            total += text.length();
            totalTokens += tokens;
            String role = "developer".equals(m.role()) ? "system" : m.role();
            out.add(new ChatMessage(role, text));
        }
        if (total > maxTotalChars) {
            throw ApiException.invalid(
                    "messages",
                    "messages_too_long",
                    "All messages together may hold at most " + maxTotalChars + " characters; these have " + total
                            + ".");
        }
        if (totalTokens > maxTotalTokens) {
            throw ApiException.invalid(
                    "messages",
                    "messages_too_long",
                    "All messages together may hold about " + maxTotalTokens + " tokens; these are estimated at "
                            + totalTokens + ". Drop older turns or use conversation_id.");
        }
        if (!"user".equals(out.getLast().role())) {
            throw ApiException.invalid(
                    "messages", "last_message_not_user", "The last message must be the user's turn.");
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
            throw ApiException.invalid(
                    maxParam,
                    "invalid_max_tokens",
                    maxParam + " must be between 1 and the model's context length (" + modelContext + ").");
        }
        return new Sampling(
                t,
                p,
                max == null ? Math.min(defaultMaxTokens, modelContext) : max,
                stop(request.stop()),
                request.seed());
    }

    /**
     * Content is refused (400), not silently cleaned, when it holds control characters other
     * than tab, newline and carriage return, or a lone UTF-16 surrogate (which JSON escapes
     * like \\ud800 can produce but no UTF-8 encoder can write): the client should know that
     * what the model saw is not what it sent.
     */
    static void checkCharacters(String text, String param) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw ApiException.invalid(
                        param,
                        "invalid_characters",
                        String.format(
                                "The content holds control character U+%04X at position %d; only tab, newline and carriage return are allowed.",
                                (int) c, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiException.invalid(
                        param,
                        "invalid_unicode",
                        "The content holds an unpaired UTF-16 surrogate at position " + i
                                + "; send valid Unicode text.");
            }
        }
    }

    private static List<String> stop(@Nullable JsonNode stop) {
        if (stop == null || stop.isNull()) return List.of();
        if (stop.isString() && !stop.asString().isEmpty() && stop.asString().length() <= 256)
            return List.of(stop.asString());
        if (stop.isArray() && stop.size() <= 4) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : stop) {
                if (!s.isString() || s.asString().isEmpty() || s.asString().length() > 256) break;
                out.add(s.asString());
            }
            if (out.size() == stop.size()) return out;
        }
        throw ApiException.invalid(
                "stop",
                "invalid_stop",
                "stop must be a string or an array of up to 4 non-empty strings of at most 256 characters.");
    }

    private static String text(@Nullable JsonNode content, String param) {
        if (content == null || content.isNull()) {
            throw ApiException.invalid(param, "missing_content", "Each message needs content.");
        }
        if (content.isString()) return content.asString();
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (!part.isObject()
                        || !"text".equals(part.path("type").asString(""))
                        || !part.path("text").isString()) {
                    throw ApiException.invalid(
                            param,
                            "unsupported_content",
                            "Only text content parts ({\"type\":\"text\",\"text\":...}) are supported.");
                }
                sb.append(part.path("text").asString());
            }
            return sb.toString();
        }
        throw ApiException.invalid(param, "invalid_content", "content must be a string or an array of text parts.");
    }
}
