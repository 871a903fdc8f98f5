package dev.sluice.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bridge.route.EventFeed;
import dev.sluice.bridge.route.Subscription;
import dev.sluice.schemas.event.StreamEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The decision event the gateway looks at before headers is written first, once, never lost or repeated. */
class OpenResponseTest {

    @Test
    void theDecisionEventIsHandedOverOnceThenTheFeedContinues() throws Exception {
        Subscription live = Subscription.detached("r1", 16);
        live.offer(StreamEvent.chunk("r1", 1, "Hello", false));
        live.offer(StreamEvent.chunk("r1", 2, " world", false));
        OpenResponse response = new OpenResponse(EventFeed.live(live), Duration.ofMillis(200));

        StreamEvent decision = response.awaitDecision();
        StreamEvent again = response.awaitDecision();

        assertThat(decision).isNotNull();
        assertThat(decision.seq()).isEqualTo(1);
        assertThat(again).isSameAs(decision);
        assertThat(response.takeDecision()).isSameAs(decision);
        assertThat(response.takeDecision()).isNull();
        assertThat(response.feed().next(Duration.ofMillis(200)).seq()).isEqualTo(2);
    }

    @Test
    void noEventWithinTheDecisionTimeoutIsNull() throws Exception {
        OpenResponse response = new OpenResponse(EventFeed.live(Subscription.detached("r2", 4)), Duration.ofMillis(20));

        assertThat(response.awaitDecision()).isNull();
        assertThat(response.takeDecision()).isNull();
        assertThat(response.correlationId()).isEqualTo("r2");
    }
}
