package dev.sluice.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bridge.route.StreamRouter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.health.contributor.Status;

/** A stopped background loop turns health DOWN; a process without such loops stays UP. */
class LoopsHealthIndicatorTest {

    @Test
    void aRouterThatIsNotRunningIsDown() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        // Never started, as after its thread died: nothing would reach a client.
        beans.registerSingleton("streamRouter", new StreamRouter("127.0.0.1:1", "test", 16, new SimpleMeterRegistry()));
        LoopsHealthIndicator health = new LoopsHealthIndicator(beans);

        var h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails()).containsEntry("stream-router", "stopped").doesNotContainKey("worker-loop");
    }

    @Test
    void withoutLoopsItIsUp() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        LoopsHealthIndicator health = new LoopsHealthIndicator(beans);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
}
