package dev.sluice.persistence.history;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** OpenAI's error body: {@code {"error":{"message","type","param","code"}}}. */
final class OpenAiError {

    static ResponseEntity<Map<String, Object>> notFound(String conversationId) {
        return of(HttpStatus.NOT_FOUND, "No conversation found with id '" + conversationId + "'.", null, "conversation_not_found");
    }

    static ResponseEntity<Map<String, Object>> badRequest(String message, String param, String code) {
        return of(HttpStatus.BAD_REQUEST, message, param, code);
    }

    private static ResponseEntity<Map<String, Object>> of(HttpStatus status, String message, @Nullable String param, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "invalid_request_error");
        error.put("param", param);
        error.put("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", error));
    }

    private OpenAiError() {
    }
}
