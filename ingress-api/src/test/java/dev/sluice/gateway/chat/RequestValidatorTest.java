package dev.sluice.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.gateway.api.ApiException;
import dev.sluice.gateway.api.RequestJson;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {
    private final RequestValidator validator = new RequestValidator(4, 100, 150, 30, 50, 64);

    private static ChatCompletionRequest parse(String json) {
        return RequestJson.MAPPER.readValue(json, ChatCompletionRequest.class);
    }

    private static String user(String content) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":" + content
                + "}],\"unknown_field\":{\"x\":1}}";
    }

    private String codeOf(String json) {
        ChatCompletionRequest r = parse(json);
        try {
            validator.messages(r);
            validator.sampling(r, 512);
        } catch (ApiException e) {
            assertThat(e.status().value()).isEqualTo(400);
            return e.code();
        }
        return "accepted";
    }

    @Test
    void acceptsAPlainRequestAndIgnoresUnknownFields() {
        assertThat(codeOf(user("\"tab\\there\\nnewline\""))).isEqualTo("accepted");
    }

    @Test
    void refusesControlCharactersAndLoneSurrogates() {
        assertThat(codeOf(user("\"nul\\u0000\""))).isEqualTo("invalid_characters");
        assertThat(codeOf(user("\"bell\\u0007\""))).isEqualTo("invalid_characters");
        assertThat(codeOf(user("\"c1\\u0085\""))).isEqualTo("invalid_characters");
        assertThat(codeOf(user("\"half \\ud83d\""))).isEqualTo("invalid_unicode");
        assertThat(codeOf(user("\"emoji \\ud83d\\ude00 ok\""))).isEqualTo("accepted");
    }

    @Test
    void countsEstimatedTokensNotOnlyCharacters() {
        // 40 CJK characters pass the 100-character limit but estimate at 44 tokens (limit 30).
        assertThat(codeOf(user("\"" + "字".repeat(40) + "\""))).isEqualTo("message_too_long");
        assertThat(codeOf(user("\"" + "a".repeat(60) + "\""))).isEqualTo("accepted");
        assertThat(TokenEstimate.of("abcdef")).isEqualTo(2);
        assertThat(TokenEstimate.of("日本")).isEqualTo(2);
    }

    @Test
    void refusesSamplingOutsideItsRanges() {
        assertThat(codeOf("{\"model\":\"m\",\"temperature\":2.1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isEqualTo("invalid_temperature");
        assertThat(codeOf("{\"model\":\"m\",\"top_p\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isEqualTo("invalid_top_p");
        assertThat(codeOf("{\"model\":\"m\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isEqualTo("unsupported_n");
        assertThat(codeOf("{\"model\":\"m\",\"max_tokens\":513,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isEqualTo("invalid_max_tokens");
    }

    @Test
    void strictBindingRefusesCoercedNumbersAndDuplicateKeys() {
        assertThatThrownBy(() -> parse("{\"max_tokens\":\"5\"}"))
                .isInstanceOf(tools.jackson.core.JacksonException.class);
        assertThatThrownBy(() -> parse("{\"max_tokens\":1.5}")).isInstanceOf(tools.jackson.core.JacksonException.class);
        assertThatThrownBy(() -> parse("{\"model\":\"a\",\"model\":\"b\"}"))
                .isInstanceOf(tools.jackson.core.JacksonException.class);
        assertThatThrownBy(() -> parse("{\"model\":\"a\"} {}")).isInstanceOf(tools.jackson.core.JacksonException.class);
        assertThatThrownBy(() -> parse("{\"stop\":" + "[".repeat(100) + "]".repeat(100) + "}"))
                .isInstanceOf(tools.jackson.core.JacksonException.class);
    }
}
