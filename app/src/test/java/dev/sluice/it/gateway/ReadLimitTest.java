package dev.sluice.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.GatewayInstance;
import dev.sluice.it.TestStack;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every authenticated endpoint is limited, not only chat: models, history, resume, cancel and
 * delete spend the user's read bucket ({@code sluice.ratelimit.reads-per-window}), and past it
 * each answers 429 with an OpenAI error; chat keeps its own bucket.
 */
class ReadLimitTest {
    private static final int READS = 6;

    @Test
    void everyEndpointSpendsTheReadBucketAndIsRefusedPastIt() throws Exception {
        TestStack stack = TestStack.get();
        String user = "reads-" + UUID.randomUUID();
        String auth = "Bearer " + stack.token(user);
        List<String[]> calls = List.of(
                new String[] {"GET", "/v1/models"},
                new String[] {"GET", "/v1/conversations"},
                new String[] {"GET", "/v1/conversations/conv-" + user},
                new String[] {"GET", "/v1/streams/no-such-stream-1"},
                new String[] {"POST", "/v1/streams/no-such-stream-2/cancel"},
                new String[] {"DELETE", "/v1/conversations/conv-" + user});
        try (GatewayInstance gateway =
                new GatewayInstance(stack, Map.of("sluice.ratelimit.reads-per-window", Integer.toString(READS)))) {
            int remaining = READS;
            for (String[] call : calls) {
                RawHttp.Response r =
                        RawHttp.send(gateway.baseUrl(), call[0], call[1], Map.of("Authorization", auth), new byte[0]);
                assertThat(r.status())
                        .as("%s %s: %s", call[0], call[1], r.text())
                        .isLessThan(429);
                assertThat(r.header("X-RateLimit-Limit"))
                        .as("%s %s", call[0], call[1])
                        .isEqualTo(Integer.toString(READS));
                assertThat(r.header("X-RateLimit-Remaining"))
                        .as("%s %s", call[0], call[1])
                        .isEqualTo(Integer.toString(--remaining));
            }

            for (String[] call : calls) {
                RawHttp.Response r =
                        RawHttp.send(gateway.baseUrl(), call[0], call[1], Map.of("Authorization", auth), new byte[0]);
                assertThat(r.status())
                        .as("%s %s past the bucket: %s", call[0], call[1], r.text())
                        .isEqualTo(429);
                JsonNode error = r.json().path("error");
                assertThat(error.path("code").asString()).isEqualTo("rate_limit_exceeded");
                assertThat(error.path("message").asString()).contains("other than chat completions");
                assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
            }

            // Chat has its own bucket: spending every read left it whole.
            byte[] body =
                    "{\"model\":\"stories260K\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"Once\"}]}"
                            .getBytes(StandardCharsets.UTF_8);
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Authorization", auth);
            h.put("Content-Type", "application/json");
            h.put("Content-Length", Integer.toString(body.length));
            RawHttp.Response chat = RawHttp.send(gateway.baseUrl(), "POST", "/v1/chat/completions", h, body);
            assertThat(chat.status()).as(chat.text()).isEqualTo(200);
        }
    }
}
