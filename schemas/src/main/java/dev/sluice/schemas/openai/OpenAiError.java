package dev.sluice.schemas.openai;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's error shape: {@code {"error": {"message", "type", "param", "code"}}}. The one copy:
 * HTTP error bodies and the {@code data:} line of a stream that fails mid-way both come from here.
 */
public record OpenAiError(Detail error) {
    /** Keeps nulls: OpenAI clients expect {@code "param": null} and {@code "code": null} to be present. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A client mistake: the request needs changing before it is sent again. */
    public static final String INVALID_REQUEST = "invalid_request_error";
    /** The server (or something behind it) failed; the same request may work later. */
    public static final String SERVER_ERROR = "server_error";

    public record Detail(
            String message,
            String type,
            @Nullable String param,
            @Nullable String code) {}

    public static OpenAiError of(String message, String type, @Nullable String param, @Nullable String code) {
        return new OpenAiError(new Detail(message, type, param, code));
    }

    public String json() {
        return JSON.writeValueAsString(this);
    }

    public byte[] bytes() {
        return JSON.writeValueAsBytes(this);
    }
}
