package dev.sluice.worker.engine.openai;

import dev.sluice.schemas.serde.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The parts of one {@code chat.completion.chunk} the engine uses. Servers differ in what they
 * send: vLLM and llama-server put usage in a last chunk with empty choices when asked with
 * {@code stream_options.include_usage}; some send an {@code error} object mid-stream.
 *
 * @param promptTokens -1 when the chunk carries no usage
 */
public record SseChunk(
        @Nullable String content,
        @Nullable String finishReason,
        int promptTokens,
        int completionTokens,
        @Nullable String error) {

    /**
     * Reads one event's JSON with a streaming parser, keeping only the fields above and skipping
     * the rest unread. This runs for every token of every running sequence: binding the chunk to
     * records instead (Jackson's databind, as before) cost about 10 % of a worker's CPU under load
     * (bench/results/sse-chunk.md). An event that is not one JSON object, or whose content,
     * finish reason or error has an unexpected shape, becomes an error chunk, never an exception.
     */
    public static SseChunk parse(String data) {
        try (JsonParser p = Json.MAPPER.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return unreadable(data);
            Fields f = new Fields();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "choices" -> readChoices(p, value, f);
                    case "usage" -> readUsage(p, value, f);
                    case "error" -> f.error = value == JsonToken.VALUE_NULL ? null : errorText(p, value);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) return unreadable(data);
            if (f.error != null) return new SseChunk(null, null, -1, -1, f.error);
            return new SseChunk(
                    f.content,
                    f.finishReason,
                    f.promptTokens != null ? f.promptTokens : -1,
                    f.promptTokens != null && f.completionTokens != null ? f.completionTokens : -1,
                    null);
        } catch (JacksonException | Unexpected e) {
            return unreadable(data);
        }
    }

    /** What one chunk said so far; the last occurrence of a field wins, as in a JSON object. */
    private static final class Fields {
        @Nullable
        String content;

        @Nullable
        String finishReason;

        @Nullable
        Integer promptTokens;

        @Nullable
        Integer completionTokens;

        @Nullable
        String error;
    }

    /** A field of the wrong type where the chunk's meaning depends on it. */
    private static final class Unexpected extends Exception {
        Unexpected() {
            super(null, null, false, false);
        }
    }

    /** Called for each property of an object, the parser on its value; skips what it does not read. */
    @FunctionalInterface
    private interface FieldReader {
        void read(String name, JsonToken value) throws Unexpected;
    }

    /** The properties of the object {@code value} starts, one by one; nothing for null; anything else is unexpected. */
    private static void eachField(JsonParser p, JsonToken value, FieldReader reader) throws Unexpected {
        if (value == JsonToken.VALUE_NULL) return;
        if (value != JsonToken.START_OBJECT) throw new Unexpected();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            reader.read(name, p.nextToken());
        }
    }

    /** The first choice's delta text and finish reason; further choices (n > 1, never asked) are skipped. */
    private static void readChoices(JsonParser p, JsonToken value, Fields f) throws Unexpected {
        f.content = null;
        f.finishReason = null;
        if (value == JsonToken.VALUE_NULL) return;
        if (value != JsonToken.START_ARRAY) throw new Unexpected();
        boolean first = true;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (!first || t == JsonToken.VALUE_NULL) {
                first = false;
                p.skipChildren();
                continue;
            }
            first = false;
            if (t != JsonToken.START_OBJECT) throw new Unexpected();
            eachField(p, t, (name, v) -> {
                switch (name) {
                    case "delta" -> {
                        f.content = null;
                        eachField(p, v, (field, text) -> {
                            if (field.equals("content")) f.content = scalar(p, text);
                            else p.skipChildren();
                        });
                    }
                    case "finish_reason" -> f.finishReason = scalar(p, v);
                    default -> p.skipChildren();
                }
            });
        }
    }

    private static void readUsage(JsonParser p, JsonToken value, Fields f) throws Unexpected {
        f.promptTokens = null;
        f.completionTokens = null;
        eachField(p, value, (name, v) -> {
            switch (name) {
                case "prompt_tokens" -> f.promptTokens = count(p, v);
                case "completion_tokens" -> f.completionTokens = count(p, v);
                default -> p.skipChildren();
            }
        });
    }

    /** A string, number or boolean as text; null for null; an object or array is not a text. */
    private static @Nullable String scalar(JsonParser p, JsonToken value) throws Unexpected {
        if (value == JsonToken.VALUE_NULL) return null;
        if (!value.isScalarValue()) throw new Unexpected();
        return p.getString();
    }

    private static @Nullable Integer count(JsonParser p, JsonToken value) throws Unexpected {
        return switch (value) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> p.getIntValue();
            case VALUE_STRING -> {
                try {
                    yield Integer.valueOf(p.getString().strip());
                } catch (NumberFormatException e) {
                    throw new Unexpected();
                }
            }
            default -> throw new Unexpected();
        };
    }

    /** A string error as it is; an object's {@code message} if it is a string; anything else as JSON. */
    private static String errorText(JsonParser p, JsonToken value) {
        if (value == JsonToken.VALUE_STRING) return p.getString();
        JsonNode error = p.readValueAsTree();
        return error.path("message").asString(error.toString());
    }

    private static SseChunk unreadable(String data) {
        return new SseChunk(null, null, -1, -1, "unreadable stream event: " + abbreviate(data));
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
