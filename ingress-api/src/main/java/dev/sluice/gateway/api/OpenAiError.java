package dev.sluice.gateway.api;

import org.jspecify.annotations.Nullable;

/** OpenAI's error shape: {@code {"error": {"message", "type", "param", "code"}}}. */
public record OpenAiError(Detail error) {
    public record Detail(String message, String type, @Nullable String param, @Nullable String code) {
    }

    public static OpenAiError of(String message, String type, @Nullable String param, @Nullable String code) {
        return new OpenAiError(new Detail(message, type, param, code));
    }
}
