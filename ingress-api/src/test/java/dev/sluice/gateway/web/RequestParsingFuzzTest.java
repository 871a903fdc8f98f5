package dev.sluice.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.api.ApiException;
import dev.sluice.gateway.chat.ChatCompletionRequest;
import dev.sluice.gateway.chat.RequestValidator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of the request parser: whatever bytes arrive, the gateway's body
 * reader (UTF-8 check and strict binding) plus validation ends in an accepted request or a
 * 4xx {@link ApiException}; never another exception (which would be a 500). Inputs come from
 * seeded generators, so a failure names the seed and the body and reproduces exactly.
 */
class RequestParsingFuzzTest {
    private static final int MODEL_CONTEXT = 512;
    private static final long SEED = 20261126L;
    private static final String[] SCALARS = {
        "null",
        "true",
        "false",
        "0",
        "-1",
        "1",
        "2",
        "1.5",
        "1e309",
        "-0",
        "NaN",
        "\"\"",
        "\"user\"",
        "\"assistant\"",
        "\"m\"",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "\"a\\tb\\nc\"",
        "99999999999999999999",
        "[",
        "}",
        "\"\\x\""
    };
    private static final String[] KEYS = {
        "model",
        "messages",
        "role",
        "content",
        "stream",
        "temperature",
        "top_p",
        "max_tokens",
        "max_completion_tokens",
        "n",
        "stop",
        "seed",
        "type",
        "text",
        "name",
        "stream_options",
        "include_usage",
        "extra"
    };
    private static final String[] ROLES = {"\"user\"", "\"system\"", "\"tool\"", "\"robot\"", "null", "1"};

    private final RequestValidator validator = new RequestValidator(8, 2000, 4000, 700, 1400, 64);

    @Test
    void randomJsonLikeBodiesEndInAcceptanceOrA4xx() throws Exception {
        Random random = new Random(SEED);
        for (int i = 0; i < 3000; i++) {
            String body = value(random, 4);
            assertOnlyClientErrors(body.getBytes(StandardCharsets.UTF_8), "seed " + SEED + " try " + i + ": " + body);
        }
    }

    @Test
    void mutatedValidBodiesEndInAcceptanceOrA4xx() throws Exception {
        String valid = "{\"model\":\"m\",\"stream\":true,\"temperature\":0.5,\"top_p\":1,\"max_tokens\":16,\"n\":1,"
                + "\"stop\":[\"x\"],\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"h\\u00e9llo\"}]}]}";
        byte[] base = valid.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 1500; i++) {
            byte[] body = base.clone();
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits; e++) body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            assertOnlyClientErrors(
                    body, "seed " + (SEED + 1) + " try " + i + ": " + new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    private void assertOnlyClientErrors(byte[] body, String sample) throws Exception {
        try {
            ChatCompletionRequest request = ChatRequestBody.read(new ByteArrayInputStream(body));
            validator.messages(request);
            validator.sampling(request, MODEL_CONTEXT);
        } catch (ApiException e) {
            assertThat(e.status().is4xxClientError())
                    .as("status of %s (%s)", e.getMessage(), sample)
                    .isTrue();
            assertThat(e.getMessage())
                    .as(sample)
                    .isNotBlank()
                    .doesNotContain("java.")
                    .doesNotContain("tools.jackson");
            assertThat(e.param() == null || !e.param().isBlank()).as(sample).isTrue();
        }
    }

    /** JSON-shaped text that leans towards the request's own field names, values at their edges, and broken syntax. */
    private static String value(Random r, int depth) {
        if (depth == 0) return scalar(r);
        return switch (r.nextInt(4)) {
            case 0 -> scalar(r);
            case 1 -> {
                List<String> fields = new ArrayList<>();
                for (int i = r.nextInt(6); i > 0; i--)
                    fields.add("\"" + KEYS[r.nextInt(KEYS.length)] + "\":" + value(r, depth - 1));
                yield "{" + String.join(",", fields) + "}";
            }
            case 2 -> {
                List<String> items = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) items.add(value(r, depth - 1));
                yield "[" + String.join(",", items) + "]";
            }
            default ->
                "{\"model\":\"m\",\"max_tokens\":" + value(r, depth - 1) + ",\"messages\":" + messages(r, depth - 1)
                        + "}";
        };
    }

    private static String messages(Random r, int depth) {
        List<String> out = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            String content = depth == 0 ? new String[] {"\"hi\"", "[]", "null"}[r.nextInt(3)] : value(r, depth - 1);
            out.add("{\"role\":" + ROLES[r.nextInt(ROLES.length)] + ",\"content\":" + content + "}");
        }
        return "[" + String.join(",", out) + "]";
    }

    private static String scalar(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> SCALARS[r.nextInt(SCALARS.length)];
            case 1 -> "\"" + randomText(r, 12).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            default -> randomText(r, 6);
        };
    }

    private static String randomText(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(max + 1); i > 0; i--) {
            int pick = r.nextInt(10);
            sb.appendCodePoint(
                    pick < 6
                            ? 32 + r.nextInt(95)
                            : pick < 8 ? r.nextInt(32) : pick < 9 ? 0xA0 + r.nextInt(0x700) : 0x1F600 + r.nextInt(80));
        }
        return sb.toString();
    }
}
