package dev.sluice.gateway.api;

import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for API responses. Unlike event JSON it keeps nulls: OpenAI clients expect
 * {@code "finish_reason": null} and {@code "param": null} to be present.
 */
public final class ApiJson {
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    public static byte[] bytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static String string(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    private ApiJson() {}
}
