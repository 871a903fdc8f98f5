package dev.sluice.bench.mock;

import dev.sluice.schemas.serde.Json;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI Chat Completions wire format the mock writes: {@code chat.completion.chunk} events
 * for streams and one {@code chat.completion} otherwise. Built as strings with no object mapping
 * on the hot path; thousands of streams each write dozens of these per second.
 */
public final class MockCompletions {
    private static final String[] WORDS = {
        " Once",
        " upon",
        " a",
        " time",
        " there",
        " was",
        " a",
        " little",
        " river",
        " that",
        " ran",
        " through",
        " the",
        " valley",
        " and",
        " sang",
        "."
    };

    private MockCompletions() {}

    static String token(int index) {
        return WORDS[index % WORDS.length];
    }

    /**
     * Token {@code index} of the answer to request {@code number}: the story's words, with every
     * 16th one the word " n" + number, so two requests' answers share no 512-char window. A
     * negative number: the same answer for everyone ({@link #token(int)}).
     */
    public static String token(int index, long number) {
        return number >= 0 && index % 16 == 8 ? " n" + number : token(index);
    }

    /** What {@link #text(int)} is for request {@code number} (see {@link #token(int, long)}). */
    public static String text(int n, long number) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(token(i, number));
        return b.toString();
    }

    /** The number the request's last message ends with ("Tell me a story, number 17"), or -1. */
    static long requestNumber(JsonNode request) {
        JsonNode messages = request.path("messages");
        if (!messages.isArray() || messages.isEmpty()) return -1;
        String content = messages.get(messages.size() - 1).path("content").asString("");
        int end = content.length();
        while (end > 0 && !Character.isDigit(content.charAt(end - 1))) end--;
        int start = end;
        while (start > 0 && Character.isDigit(content.charAt(start - 1)) && end - start < 18) start--;
        return start == end ? -1 : Long.parseLong(content.substring(start, end));
    }

    /** The whole text the mock streams for {@code n} tokens: what a client must receive, no more, no less. */
    public static String text(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(token(i));
        return b.toString();
    }

    /** Rough prompt size for usage: one token per word of every message. */
    static int promptTokens(JsonNode request) {
        int n = 0;
        for (JsonNode m : request.path("messages")) {
            String content = m.path("content").asString("");
            if (!content.isBlank()) n += content.trim().split("\\s+").length;
        }
        return n;
    }

    static String roleChunk(String id, long created, String model) {
        return chunk(id, created, model, "{\"role\":\"assistant\",\"content\":\"\"}", "null");
    }

    static String contentChunk(String id, long created, String model, String text) {
        return chunk(id, created, model, "{\"content\":" + quote(text) + "}", "null");
    }

    static String finishChunk(String id, long created, String model, String finishReason) {
        return chunk(id, created, model, "{}", "\"" + finishReason + "\"");
    }

    /** The extra last chunk of {@code stream_options.include_usage}: empty choices, usage filled. */
    static String usageChunk(String id, long created, String model, int promptTokens, int completionTokens) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created + ",\"model\":"
                + quote(model) + ",\"choices\":[]," + usage(promptTokens, completionTokens) + "}";
    }

    static String completion(
            String id,
            long created,
            String model,
            String text,
            String finishReason,
            int promptTokens,
            int completionTokens) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":" + created + ",\"model\":"
                + quote(model)
                + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quote(text)
                + "},\"finish_reason\":\""
                + finishReason + "\"}]," + usage(promptTokens, completionTokens) + "}";
    }

    static String models(String model, long created) {
        return "{\"object\":\"list\",\"data\":[{\"id\":" + quote(model) + ",\"object\":\"model\",\"created\":" + created
                + ",\"owned_by\":\"sluice-bench\"}]}";
    }

    static String error(String message, String type) {
        return "{\"error\":{\"message\":" + quote(message) + ",\"type\":\"" + type
                + "\",\"param\":null,\"code\":null}}";
    }

    private static String chunk(String id, long created, String model, String delta, String finishReason) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created + ",\"model\":"
                + quote(model) + ",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason
                + "}]}";
    }

    private static String usage(int prompt, int completion) {
        return "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + ",\"total_tokens\":"
                + (prompt + completion) + "}";
    }

    private static String quote(String s) {
        return Json.MAPPER.writeValueAsString(s);
    }
}
