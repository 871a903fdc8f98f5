package dev.sluice.schemas.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one error body every module writes: OpenAI's four fields, nulls present (clients read them). */
class OpenAiErrorTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void writesOpenAisFourFieldsWithNullsPresent() {
        JsonNode body = JSON.readTree(OpenAiError.of("No such model.", OpenAiError.INVALID_REQUEST, null, null)
                .json());

        JsonNode error = body.path("error");
        assertThat(body.propertyNames()).containsExactly("error");
        assertThat(error.propertyNames()).containsExactlyInAnyOrder("message", "type", "param", "code");
        assertThat(error.path("message").asString()).isEqualTo("No such model.");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.get("code").isNull()).isTrue();
    }

    @Test
    void bytesAndTextAreTheSameUtf8Json() {
        OpenAiError error = OpenAiError.of("caf\u00e9 \"quoted\"", OpenAiError.SERVER_ERROR, "messages", "timeout");

        assertThat(new String(error.bytes(), StandardCharsets.UTF_8)).isEqualTo(error.json());
    }

    @Test
    void aStreamErrorLineIsTheSameBodyWithoutParam() {
        String line = ChunkFormat.error("The client read too slowly.", OpenAiError.SERVER_ERROR, "slow_consumer");

        assertThat(line)
                .isEqualTo(OpenAiError.of("The client read too slowly.", "server_error", null, "slow_consumer")
                        .json());
        assertThat(JSON.readTree(line).path("error").path("code").asString()).isEqualTo("slow_consumer");
    }
}
