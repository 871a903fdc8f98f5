package dev.sluice.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bridge.route.StreamRouter;
import dev.sluice.gateway.models.ModelCatalog;
import dev.sluice.gateway.ratelimit.RateLimitSettings;
import dev.sluice.gateway.ratelimit.RateLimiter;
import dev.sluice.gateway.ratelimit.UsageMeter;
import dev.sluice.schemas.lifecycle.LoopsReport;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.health.contributor.Status;

/** A stopped background loop turns health DOWN, whichever bean runs it; a process without such loops stays UP. */
class LoopsHealthIndicatorTest {

    @Test
    void aRouterThatIsNotRunningIsDown() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        // Never started, as after its thread died: nothing would reach a client.
        beans.registerSingleton("router", new StreamRouter("127.0.0.1:1", "test", 16, new SimpleMeterRegistry()));

        var h = indicator(beans).health();

        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails()).containsEntry("stream-router", "stopped").doesNotContainKey("worker-loop");
    }

    @Test
    void aModelCatalogOrUsageMeterThatIsNotRunningIsDown() {
        RedisClient redis = RedisClient.create("redis://127.0.0.1:1");
        try (ModelCatalog catalog = new ModelCatalog("127.0.0.1:1", "health-test");
                RateLimiter limiter = new RateLimiter(
                        redis,
                        new RateLimitSettings(
                                true, 10, Duration.ofHours(1), 100, RateLimitSettings.FailureMode.OPEN, 10),
                        new SimpleMeterRegistry());
                UsageMeter meter = new UsageMeter("127.0.0.1:1", "health-test", limiter)) {
            DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
            beans.registerSingleton("catalog", catalog);
            beans.registerSingleton("meter", meter);

            var h = indicator(beans).health();

            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(h.getDetails())
                    .containsEntry("model-catalog", "stopped")
                    .containsEntry("usage-meter", "stopped");
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void oneStoppedLoopAmongRunningOnesIsEnoughForDown() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton(
                "worker", (LoopsReport) () -> Map.of("worker-loop", true, "cancellation-listener", false));
        beans.registerSingleton("gateway", (LoopsReport) () -> Map.of("stream-router", true));

        var h = indicator(beans).health();

        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails())
                .containsEntry("cancellation-listener", "stopped")
                .containsEntry("worker-loop", "running")
                .containsEntry("stream-router", "running");
    }

    @Test
    void withoutLoopsItIsUp() {
        assertThat(indicator(new DefaultListableBeanFactory()).health().getStatus())
                .isEqualTo(Status.UP);
    }

    private static LoopsHealthIndicator indicator(DefaultListableBeanFactory beans) {
        return new LoopsHealthIndicator(beans.getBeanProvider(LoopsReport.class));
    }
}
