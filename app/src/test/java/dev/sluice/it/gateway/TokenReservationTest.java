package dev.sluice.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedRedis;
import dev.sluice.gateway.ratelimit.Decision;
import dev.sluice.gateway.ratelimit.RateLimitSettings;
import dev.sluice.gateway.ratelimit.RateLimiter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token budget against a real Redis: admissions reserve max_tokens atomically, so concurrent
 * ones cannot overspend it, and settlement gives back what a response did not use, once.
 */
class TokenReservationTest {
    private static EmbeddedRedis redis;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> direct;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("sluice-reservations-");
        redis = new EmbeddedRedis(dir, 0).start();
        client = RedisClient.create(redis.url());
        direct = client.connect();
    }

    @AfterAll
    static void stop() {
        direct.close();
        client.shutdown();
        redis.close();
    }

    @Test
    void concurrentAdmissionsNeverReserveMoreThanTheBudget() throws Exception {
        // 600 tokens a minute: 100 ms of refill per token, so each reservation of 100 tokens
        // holds 10 s of budget and six fit; the rest must be refused however they interleave.
        try (RateLimiter limiter = limiter(600)) {
            String user = "reserve-" + UUID.randomUUID();
            int threads = 24;
            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> all = new ArrayList<>();
            long startMs = redisNow();
            for (int i = 0; i < threads; i++) {
                String id = "c" + i;
                all.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                        Decision d = limiter.reserve(user, id, 100);
                        assertThat(d.known()).isTrue();
                        (d.admitted() ? admitted : refused).incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            go.countDown();
            for (Thread t : all) t.join();
            long elapsedMs = redisNow() - startMs;

            long refilled = elapsedMs / 100; // tokens that came back while the admissions ran
            assertThat(admitted.get() * 100L)
                    .as("tokens reserved (%d ms elapsed)", elapsedMs)
                    .isLessThanOrEqualTo(600 + refilled);
            assertThat(admitted.get()).as("the budget admits some").isGreaterThanOrEqualTo(6);
            assertThat(admitted.get() + refused.get()).isEqualTo(threads);
            long ahead = Long.parseLong(direct.sync().get(RateLimiter.tokenBudgetKey(user))) - redisNow();
            assertThat(ahead).as("the budget is never more than a minute ahead").isLessThanOrEqualTo(60_000);
        }
    }

    @Test
    void settlementGivesBackTheUnusedPartOnce() throws Exception {
        // 6,000 a minute: 10 ms per token.
        try (RateLimiter limiter = limiter(6000)) {
            String user = "settle-" + UUID.randomUUID();
            String key = RateLimiter.tokenBudgetKey(user);
            assertThat(limiter.reserve(user, "r1", 500).admitted()).isTrue();
            long reserved = Long.parseLong(direct.sync().get(key));

            Long moved = limiter.settle(user, "r1", 120);

            assertThat(moved).as("tokens moved: 380 refunded").isEqualTo(-380L);
            long settled = Long.parseLong(direct.sync().get(key));
            assertThat(reserved - settled).as("ms given back for 380 tokens").isEqualTo(3_800);
            assertThat(direct.sync().get(RateLimiter.reservationKeyOf(user, "r1")))
                    .isEqualTo("settled");

            assertThat(limiter.settle(user, "r1", 120))
                    .as("a second delivery of the same completion")
                    .isZero();
            assertThat(Long.parseLong(direct.sync().get(key))).isEqualTo(settled);

            assertThat(limiter.settle(user, "never-reserved", 50))
                    .as("usage without a reservation is charged whole")
                    .isEqualTo(50L);
            assertThat(Long.parseLong(direct.sync().get(key))).isEqualTo(settled + 500);
        }
    }

    @Test
    void aReservationOverWhatIsLeftIsRefusedUntilARefundMakesRoom() throws Exception {
        try (RateLimiter limiter = limiter(600)) {
            String user = "room-" + UUID.randomUUID();
            assertThat(limiter.reserve(user, "big", 550).admitted()).isTrue();
            Decision refused = limiter.reserve(user, "next", 100);
            assertThat(refused.admitted()).isFalse();
            assertThat(refused.refusedFor()).isEqualTo("tokens");
            assertThat(refused.retryAfterSeconds()).isBetween(1L, 6L);

            limiter.settle(user, "big", 20); // used 20 of 550

            assertThat(limiter.reserve(user, "next", 100).admitted())
                    .as("after the refund")
                    .isTrue();
        }
    }

    private static RateLimiter limiter(long tokensPerMinute) throws InterruptedException {
        RateLimitSettings settings = new RateLimitSettings(
                true, 1000, Duration.ofHours(1), tokensPerMinute, RateLimitSettings.FailureMode.OPEN, 2000);
        RateLimiter limiter = new RateLimiter(client, settings, new SimpleMeterRegistry()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!limiter.peek("probe").known()) {
            if (System.nanoTime() > deadline)
                throw new AssertionError("the rate limiter did not reach Redis within 60 s");
            Thread.sleep(20);
        }
        return limiter;
    }

    private static long redisNow() {
        List<String> time = direct.sync().time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }
}
