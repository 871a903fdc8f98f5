package dev.sluice.it.gateway;

import dev.sluice.it.GatewayInstance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.ratelimit.Decision;
import dev.sluice.gateway.ratelimit.RateLimitSettings;
import dev.sluice.gateway.ratelimit.RateLimiter;
import dev.sluice.it.SseClient;
import dev.sluice.it.TestStack;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The tokens-per-minute budget: charged from real usage on chat.completions, enforced with 429 type "tokens". */
class TokenBudgetTest {

    @Test
    void realUsageOfACompletionIsChargedToItsUser() throws Exception {
        TestStack stack = TestStack.get();
        String user = "budget-" + UUID.randomUUID();
        var result = SseClient.post(stack.baseUrl() + "/v1/chat/completions", stack.token(user),
                "{\"model\":\"stories260K\",\"temperature\":0,\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}]}");
        assertThat(result.status()).isEqualTo(200);

        RedisClient redis = stack.context().getBean(RedisClient.class);
        try (StatefulRedisConnection<String, String> c = redis.connect()) {
            String key = RateLimiter.tokenBudgetKey(user);
            long ttl = -2;
            for (int i = 0; i < 100 && ttl <= 0; i++) {
                ttl = c.sync().pttl(key);
                if (ttl <= 0) Thread.sleep(100);
            }
            // 20,000 tokens a minute is 3 ms a token: the key lives ~3 ms per token charged plus 1 s.
            JsonNode usage = tools.jackson.databind.json.JsonMapper.builder().build().readTree(result.body()).path("usage");
            assertThat(ttl).as("budget key of %s", user).isGreaterThan(0).isLessThanOrEqualTo(1000 + 3L * usage.path("total_tokens").asInt() + 50);
        }
    }

    @Test
    void userOverTheTokenBudgetIsRefusedWithTokensType() throws Exception {
        TestStack stack = TestStack.get();
        String user = "budget-over-" + UUID.randomUUID();
        RateLimitSettings tight = new RateLimitSettings(true, 100, Duration.ofHours(1), 60, RateLimitSettings.FailureMode.OPEN);
        try (RateLimiter limiter = new RateLimiter(stack.context().getBean(RedisClient.class), tight, new SimpleMeterRegistry()).start()) {
            awaitConnected(limiter, user);
            // 120 tokens at 60 a minute: two minutes of budget spent, one more than allowed.
            assertThat(limiter.charge(user, 120)).isTrue();
            Decision refused = limiter.admit(user);
            assertThat(refused.admitted()).isFalse();
            assertThat(refused.refusedFor()).isEqualTo("tokens");
            assertThat(refused.retryAfterSeconds()).isBetween(50L, 61L);
            assertThat(limiter.admit("someone-else-" + user).admitted()).isTrue();
        }

        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        try (GatewayInstance gateway = new GatewayInstance(stack, Map.of("sluice.ratelimit.tokens-per-minute", "60"))) {
            RawHttp.Response r = RawHttp.send(gateway.baseUrl(), "POST", "/v1/chat/completions", Map.of("Authorization",
                    "Bearer " + stack.token(user), "Content-Type", "application/json", "Content-Length", "2"), body);
            assertThat(r.status()).as(r.text()).isEqualTo(429);
            assertThat(r.json().path("error").path("type").asString()).isEqualTo("tokens");
            assertThat(r.json().path("error").path("code").asString()).isEqualTo("rate_limit_exceeded");
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 61L);
        }
    }

    /** The limiter connects in the background; 5 s (the old bound) is not enough on a starved machine, and it went on unconnected. */
    private static void awaitConnected(RateLimiter limiter, String user) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!limiter.peek(user).known()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the rate limiter did not reach Redis within 60 s");
            Thread.sleep(50);
        }
    }
}
