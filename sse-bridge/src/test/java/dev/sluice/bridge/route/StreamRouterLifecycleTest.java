package dev.sluice.bridge.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Before start() a router has no consumer, read set or thread: it says so instead of failing on a null. */
class StreamRouterLifecycleTest {

    private final StreamRouter router = new StreamRouter("127.0.0.1:9", "lifecycle", 16, new SimpleMeterRegistry());

    @Test
    void anUnstartedRouterRefusesWorkAsNotStarted() {
        assertThatThrownBy(router::mint)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
        assertThatThrownBy(router::partitionCount)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
        assertThatThrownBy(router::thread)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
    }

    @Test
    void anUnstartedRouterIsNotAliveAndClosesQuietly() {
        assertThat(router.alive()).isFalse();
        assertThat(router.loops()).containsEntry("stream-router", false);
        router.close();
    }
}
