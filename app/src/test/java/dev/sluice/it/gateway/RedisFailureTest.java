package dev.sluice.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.GatewayInstance;
import dev.sluice.it.TestStack;
import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With Redis unreachable the gateway neither fails with 500 nor goes silent: it fails open or closed as configured, and counts it. */
class RedisFailureTest {

    @Test
    void failsClosedWith503AndFailsOpenWithoutHeaders() throws Exception {
        TestStack stack = TestStack.get();
        // Reserved, never bound: nothing listens there for the whole test. A port picked by
        // binding 0 lies in the ephemeral range, where a client may even connect to itself.
        try (PortReservation nobody = LocalPorts.reserve()) {
            failsClosedAndOpen(stack, "redis://127.0.0.1:" + nobody.port());
        }
    }

    private static void failsClosedAndOpen(TestStack stack, String deadRedis) throws Exception {
        String token = stack.token("redis-down-user");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of(
                "Authorization",
                "Bearer " + token,
                "Content-Type",
                "application/json",
                "Content-Length",
                Integer.toString(body.length));

        try (GatewayInstance closed = new GatewayInstance(
                stack, Map.of("sluice.redis.url", deadRedis, "sluice.ratelimit.on-redis-failure", "closed"))) {
            RawHttp.Response r = RawHttp.send(closed.baseUrl(), "POST", "/v1/chat/completions", headers, body);
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().path("error").path("code").asString()).isEqualTo("rate_limiter_unavailable");
            assertThat(r.header("Retry-After")).isNotBlank();
            RawHttp.Response metrics =
                    RawHttp.send(closed.baseUrl(), "GET", "/actuator/prometheus", Map.of(), new byte[0]);
            assertThat(metrics.text()).containsPattern("sluice_ratelimit_redis_errors_total\\{[^}]*} [1-9]");
            assertThat(metrics.text())
                    .containsPattern(
                            "sluice_ratelimit_rejections_total\\{[^}]*reason=\"redis_unavailable\"[^}]*} [1-9]");
        }
        try (GatewayInstance open = new GatewayInstance(
                stack, Map.of("sluice.redis.url", deadRedis, "sluice.ratelimit.on-redis-failure", "open"))) {
            RawHttp.Response r = RawHttp.send(open.baseUrl(), "POST", "/v1/chat/completions", headers, body);
            // Admitted past the limiter, then refused by validation: the 400 proves it got through.
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().path("error").path("code").asString()).isEqualTo("missing_model");
            assertThat(r.header("X-RateLimit-Remaining")).isNull();
        }
    }
}
