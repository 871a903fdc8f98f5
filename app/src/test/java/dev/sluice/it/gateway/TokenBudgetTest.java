package dev.sluice.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.ratelimit.Decision;
import dev.sluice.gateway.ratelimit.RateLimitSettings;
import dev.sluice.gateway.ratelimit.RateLimiter;
import dev.sluice.gateway.ratelimit.UsageMeter;
import dev.sluice.it.GatewayInstance;
import dev.sluice.it.SseClient;
import dev.sluice.it.TestStack;
import dev.sluice.schemas.topic.Topics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The tokens-per-minute budget: max_tokens reserved at admission, settled to real usage from
 * chat.completions, enforced with 429 type "tokens".
 */
class TokenBudgetTest {

    @Test
    void realUsageOfACompletionIsChargedToItsUser() throws Exception {
        TestStack stack = TestStack.get();
        String user = "budget-" + UUID.randomUUID();
        RedisClient redis = stack.context().getBean(RedisClient.class);
        try (StatefulRedisConnection<String, String> c = redis.connect()) {
            // The key holds when the budget will have refilled, and a charge moves it 3 ms a token
            // (20,000 a minute). Read right after a charge it lives only ~1 s: a starved test
            // thread missed it. Set 55 s ahead first (under the minute that refuses), the charge
            // lands on that value and the key lives ~56 s, so the amount charged reads exactly.
            long ahead = redisNow(c) + 55_000;
            String key = RateLimiter.tokenBudgetKey(user);
            c.sync().set(key, Long.toString(ahead), SetArgs.Builder.px(120_000));
            awaitUsageMeterAssigned(stack.property("sluice.kafka.bootstrap"));

            var result = SseClient.post(
                    stack.baseUrl() + "/v1/chat/completions",
                    stack.token(user),
                    "{\"model\":\"stories260K\",\"temperature\":0,\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}]}");
            assertThat(result.status()).isEqualTo(200);
            JsonNode usage = tools.jackson.databind.json.JsonMapper.builder()
                    .build()
                    .readTree(result.body())
                    .path("usage");
            long total = usage.path("total_tokens").asLong();

            // Admission reserved max_tokens (5); the usage meter settles that to the real total.
            String reservation = RateLimiter.reservationKeyOf(user, result.header("X-Request-Id"));
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (!"settled".equals(c.sync().get(reservation))) {
                if (System.nanoTime() > deadline)
                    throw new AssertionError("the reservation of " + user + " was not settled within 45 s");
                Thread.sleep(50);
            }
            String charged = c.sync().get(key);
            assertThat(total).isPositive();
            assertThat(charged).as("budget key of %s", user).isNotNull();
            assertThat(Long.parseLong(charged) - ahead)
                    .as("ms charged for %d tokens at 3 ms each", total)
                    .isEqualTo(3 * total);
        }
    }

    /**
     * A new usage group starts at the end of chat.completions, so a completion written before its
     * first assignment is never charged: when this test ran first in its JVM, it was written
     * while the group was still joining. Waits until every partition has an owner.
     */
    private static void awaitUsageMeterAssigned(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            int partitions = admin.describeTopics(List.of(Topics.CHAT_COMPLETIONS.name()))
                    .allTopicNames()
                    .get(60, TimeUnit.SECONDS)
                    .get(Topics.CHAT_COMPLETIONS.name())
                    .partitions()
                    .size();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (true) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(UsageMeter.GROUP))
                        .all()
                        .get(60, TimeUnit.SECONDS)
                        .get(UsageMeter.GROUP);
                long owned = group.members().stream()
                        .mapToLong(m -> m.assignment().topicPartitions().size())
                        .sum();
                if (group.groupState() == GroupState.STABLE && owned == partitions) return;
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the usage meter's group is " + group.groupState() + " with " + owned
                            + " of " + partitions + " partitions after 120 s");
                }
                Thread.sleep(100);
            }
        }
    }

    /** Redis's clock in ms, the one the charge script reads. */
    private static long redisNow(StatefulRedisConnection<String, String> c) {
        List<String> time = c.sync().time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }

    @Test
    void userOverTheTokenBudgetIsRefusedWithTokensType() throws Exception {
        TestStack stack = TestStack.get();
        String user = "budget-over-" + UUID.randomUUID();
        RateLimitSettings tight =
                new RateLimitSettings(true, 100, Duration.ofHours(1), 60, RateLimitSettings.FailureMode.OPEN, 2000);
        try (RateLimiter limiter =
                new RateLimiter(stack.context().getBean(RedisClient.class), tight, new SimpleMeterRegistry()).start()) {
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
            RawHttp.Response r = RawHttp.send(
                    gateway.baseUrl(),
                    "POST",
                    "/v1/chat/completions",
                    Map.of(
                            "Authorization",
                            "Bearer " + stack.token(user),
                            "Content-Type",
                            "application/json",
                            "Content-Length",
                            "2"),
                    body);
            assertThat(r.status()).as(r.text()).isEqualTo(429);
            assertThat(r.json().path("error").path("type").asString()).isEqualTo("tokens");
            assertThat(r.json().path("error").path("code").asString()).isEqualTo("rate_limit_exceeded");
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 61L);

            // A fresh user asking for more than the whole budget could never be served: 400, not a 429 to retry
            // forever.
            byte[] big =
                    "{\"model\":\"stories260K\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                            .getBytes(StandardCharsets.UTF_8);
            RawHttp.Response over = RawHttp.send(
                    gateway.baseUrl(),
                    "POST",
                    "/v1/chat/completions",
                    Map.of(
                            "Authorization",
                            "Bearer " + stack.token("budget-big-" + user),
                            "Content-Type",
                            "application/json",
                            "Content-Length",
                            Integer.toString(big.length)),
                    big);
            assertThat(over.status()).as(over.text()).isEqualTo(400);
            assertThat(over.json().path("error").path("code").asString()).isEqualTo("max_tokens_over_budget");
            assertThat(over.json().path("error").path("param").asString()).isEqualTo("max_tokens");
        }
    }

    /** The limiter connects in the background; 5 s (the old bound) is not enough on a starved machine, and it went on unconnected. */
    private static void awaitConnected(RateLimiter limiter, String user) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!limiter.peek(user).known()) {
            if (System.nanoTime() > deadline)
                throw new AssertionError("the rate limiter did not reach Redis within 60 s");
            Thread.sleep(50);
        }
    }
}
