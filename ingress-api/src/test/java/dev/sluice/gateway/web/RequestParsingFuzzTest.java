package dev.sluice.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.api.ApiException;
import dev.sluice.gateway.api.BodyErrors;
import dev.sluice.gateway.chat.ChatCompletionRequest;
import dev.sluice.gateway.chat.RequestValidator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;

/**
 * Whatever bytes arrive, the gateway's body converter (UTF-8 check and strict binding) plus
 * validation ends in an accepted request or a 4xx {@link ApiException}; never another
 * exception (which would be a 500).
 */
class RequestParsingFuzzTest {
    private static final int MODEL_CONTEXT = 512;
    private final RequestValidator validator = new RequestValidator(8, 2000, 4000, 700, 1400, 64);
    private final ChatRequestConverter converter = new ChatRequestConverter();

    @Property(tries = 3000)
    void randomJsonLikeBodiesEndInAcceptanceOrA4xx(@ForAll("jsonish") String body) throws Exception {
        assertOnlyClientErrors(body.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1500)
    void mutatedValidBodiesEndInAcceptanceOrA4xx(@ForAll("mutated") byte[] body) throws Exception {
        assertOnlyClientErrors(body);
    }

    private void assertOnlyClientErrors(byte[] body) throws Exception {
        try {
            ChatCompletionRequest request = (ChatCompletionRequest) converter.read(ChatCompletionRequest.class, new MockHttpInputMessage(body));
            if (request == null) return;
            validator.messages(request);
            validator.sampling(request, MODEL_CONTEXT);
        } catch (HttpMessageNotReadableException e) {
            ApiException mapped = BodyErrors.of(e);
            assertThat(mapped.status().is4xxClientError()).as("status for %s", e).isTrue();
            assertThat(mapped.getMessage()).isNotBlank().doesNotContain("java.").doesNotContain("tools.jackson");
        } catch (ApiException e) {
            assertThat(e.status().is4xxClientError()).as("status of %s", e.getMessage()).isTrue();
            assertThat(e.param() == null || !e.param().isBlank()).isTrue();
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        return value(4).map(Object::toString);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        String valid = "{\"model\":\"m\",\"stream\":true,\"temperature\":0.5,\"top_p\":1,\"max_tokens\":16,\"n\":1,"
                + "\"stop\":[\"x\"],\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"h\\u00e9llo\"}]}]}";
        byte[] base = valid.getBytes(StandardCharsets.UTF_8);
        Arbitrary<int[]> edits = Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofMinSize(1).ofMaxSize(6);
        return edits.map(e -> {
            byte[] out = base.clone();
            for (int x : e) out[x % out.length] = (byte) (x >>> 8);
            return out;
        });
    }

    /** JSON-shaped text that leans towards the request's own field names, values at their edges, and broken syntax. */
    private Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1", "1", "2", "1.5", "1e309", "-0", "NaN", "\"\"", "\"user\"",
                        "\"assistant\"", "\"m\"", "\"\\u0000\"", "\"\\ud800\"", "\"a\\tb\\nc\"", "99999999999999999999", "[", "}", "\"\\x\""),
                Arbitraries.strings().ofMaxLength(12).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Arbitraries.strings().ofMaxLength(6));
        if (depth == 0) return scalar;
        Arbitrary<String> key = Arbitraries.of("model", "messages", "role", "content", "stream", "temperature", "top_p", "max_tokens",
                "max_completion_tokens", "n", "stop", "seed", "type", "text", "name", "stream_options", "include_usage", "extra");
        Arbitrary<String> object = Combinators.combine(key, value(depth - 1)).as((k, v) -> "\"" + k + "\":" + v)
                .list().ofMaxSize(5).map(l -> "{" + String.join(",", l) + "}");
        Arbitrary<String> array = value(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> request = Combinators.combine(value(depth - 1), messages(depth - 1))
                .as((v, m) -> "{\"model\":\"m\",\"max_tokens\":" + v + ",\"messages\":" + m + "}");
        return Arbitraries.oneOf(scalar, object, array, request);
    }

    private Arbitrary<String> messages(int depth) {
        Arbitrary<String> role = Arbitraries.of("\"user\"", "\"system\"", "\"tool\"", "\"robot\"", "null", "1");
        Arbitrary<String> content = depth == 0 ? Arbitraries.of("\"hi\"", "[]", "null") : value(depth - 1);
        return Combinators.combine(role, content).as((r, c) -> "{\"role\":" + r + ",\"content\":" + c + "}")
                .list().ofMaxSize(3).map((List<String> l) -> "[" + String.join(",", l) + "]");
    }
}
