package dev.sluice.gateway.api;

import dev.sluice.schemas.openai.OpenAiError;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** A request the gateway refuses, with what the client needs to fix it. Becomes OpenAI's error JSON. */
public final class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String type;
    private final @Nullable String param;
    private final String code;
    /** The constructor's, never null (a throwable's getMessage() may be in general). */
    private final String message;

    private final Map<String, String> headers;

    public ApiException(
            HttpStatus status,
            String type,
            @Nullable String param,
            String code,
            String message,
            Map<String, String> headers) {
        super(message);
        this.message = message;
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException invalid(@Nullable String param, String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request_error", param, code, message, Map.of());
    }

    public static ApiException notFound(@Nullable String param, String code, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, "invalid_request_error", param, code, message, Map.of());
    }

    public static ApiException unavailable(String code, String message) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "server_error", null, code, message, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public @Nullable String param() {
        return param;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public OpenAiError body() {
        return OpenAiError.of(message, type, param, code);
    }
}
