package dev.sluice.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.TestStack;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A user who spent the window's requests (100 per hour on the shared stack) stays limited
 * whatever else about the request changes: only the token's exact {@code sub} identifies them.
 */
class RateLimitBypassTest {
    private static final String PATH = "/v1/chat/completions";
    private static final String USER =
            "rl-bypass-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static TestStack stack;
    private static TestTokens tokens;

    @BeforeAll
    static void exhaust() throws Exception {
        stack = TestStack.get();
        tokens = new TestTokens(stack.dataDir());
        String token = stack.token(USER);
        byte[] spend = "{}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 100; i++) {
            RawHttp.Response r = send(token, Map.of(), spend);
            // Every request that passes auth takes a slot, valid or not: here all are 400s.
            assertThat(r.status()).as("request %d: %s", i, r.text()).isEqualTo(400);
            assertThat(r.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(99 - i));
            assertThat(r.header("X-RateLimit-Limit")).isEqualTo("100");
        }
    }

    static Stream<Arguments> bypassAttempts() {
        return Stream.of(
                Arguments.of("the same token again", Map.of()),
                Arguments.of("a new X-Forwarded-For", Map.of("X-Forwarded-For", "203.0.113.7")),
                Arguments.of("a chain of X-Forwarded-For", Map.of("X-Forwarded-For", "198.51.100.1, 10.0.0.1")),
                Arguments.of("a Forwarded header", Map.of("Forwarded", "for=192.0.2.60;proto=https")),
                Arguments.of("X-Real-IP", Map.of("X-Real-IP", "192.0.2.99")),
                Arguments.of("another User-Agent", Map.of("User-Agent", "curl/8.0 " + RUN)),
                Arguments.of("a fresh X-Request-Id", Map.of("X-Request-Id", "bypass-" + RUN)),
                Arguments.of("X-User-Id naming someone else", Map.of("X-User-Id", "someone-else")),
                Arguments.of(
                        "a second token minted for the same sub", Map.of("Authorization", "Bearer " + secondToken())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bypassAttempts")
    void limitedUserStaysLimitedWith(String attempt, Map<String, String> extra) throws Exception {
        String marker = "marker-" + RUN + "-" + attempt.replace(' ', '_');
        RawHttp.Response r = send(stack.token(USER), extra, good(marker));

        assertThat(r.status()).as(r.text()).isEqualTo(429);
        JsonNode error = r.json().path("error");
        assertThat(error.path("code").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("type").asString()).isEqualTo("requests");
        assertThat(error.path("message").asString()).contains("100 requests");
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(r.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(r.header("X-RateLimit-Reset"))).isBetween(1L, 3600L);
    }

    @Test
    void percentEncodedPathReachingTheSameEndpointIsLimitedToo() throws Exception {
        byte[] body = good("marker-" + RUN + "-encoded-path");
        RawHttp.Response r = RawHttp.send(
                stack.baseUrl(),
                "POST",
                "/v1/chat/%63ompletions",
                Map.of(
                        "Authorization",
                        "Bearer " + stack.token(USER),
                        "Content-Type",
                        "application/json",
                        "Content-Length",
                        Integer.toString(body.length)),
                body);
        // Spring MVC decodes it to the completions endpoint, so the limiter must see it as one.
        assertThat(r.status()).as(r.text()).isEqualTo(429);
        assertThat(r.json().path("error").path("code").asString()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void subjectWithTrailingSpaceIsNotAnotherNameForTheUser() throws Exception {
        String padded = tokens.hs256(TestTokens.claims(USER + " ").build());
        RawHttp.Response r = send(padded, Map.of(), good("marker-" + RUN + "-padded"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("error").path("message").asString()).contains("whitespace");
    }

    @Test
    void subjectsDifferingInCaseAreDifferentUsersAndDoNotResetEachOther() throws Exception {
        String upper = stack.token(USER.toUpperCase());
        RawHttp.Response other = send(upper, Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
        // Another identity at the issuer: its own full window, not the limited user's.
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.header("X-RateLimit-Remaining")).isEqualTo("99");
        RawHttp.Response again = send(stack.token(USER), Map.of(), good("marker-" + RUN + "-after-case"));
        assertThat(again.status()).isEqualTo(429);
    }

    @Test
    void otherEndpointsSpendTheirOwnBucketAndGiveNoChatSlotBack() throws Exception {
        RawHttp.Response models = RawHttp.send(
                stack.baseUrl(),
                "GET",
                "/v1/models",
                Map.of("Authorization", "Bearer " + stack.token(USER)),
                new byte[0]);
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.header("X-RateLimit-Limit")).as("the read bucket").isEqualTo("2000");
        assertThat(Integer.parseInt(models.header("X-RateLimit-Remaining"))).isLessThan(2000);
        assertThat(send(stack.token(USER), Map.of(), good("marker-" + RUN + "-after-read"))
                        .status())
                .isEqualTo(429);
    }

    @AfterAll
    static void refusedRequestsNeverReachedKafka() {
        List<String> leaked =
                RequestsTopic.valuesContainingAny(stack.property("sluice.kafka.bootstrap"), List.of("marker-" + RUN));
        assertThat(leaked).isEmpty();
    }

    private static String secondToken() {
        return tokens.hs256(
                TestTokens.claims(USER).jwtID(UUID.randomUUID().toString()).build());
    }

    private static byte[] good(String marker) {
        return ("{\"model\":\"stories260K\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"" + marker
                        + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static RawHttp.Response send(String token, Map<String, String> extra, byte[] body) throws Exception {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + token);
        h.put("Content-Type", "application/json");
        h.put("Content-Length", Integer.toString(body.length));
        h.putAll(extra);
        return RawHttp.send(stack.baseUrl(), "POST", PATH, h, body);
    }
}
