package dev.sluice.bridge.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.event.StreamEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SubscriptionTest {

    @Test
    void dropsSequencesAtOrBelowTheLastAccepted() throws Exception {
        Subscription s = Subscription.detached("r1", 8);
        s.offer(StreamEvent.chunk("r1", 1, "a", false));
        s.offer(StreamEvent.chunk("r1", 2, "b", false));
        s.offer(StreamEvent.chunk("r1", 2, "b", false));
        s.offer(StreamEvent.chunk("r1", 1, "a", false));
        s.offer(StreamEvent.chunk("r1", 3, "c", false));

        assertThat(s.poll(Duration.ZERO).seq()).isEqualTo(1);
        assertThat(s.poll(Duration.ZERO).seq()).isEqualTo(2);
        assertThat(s.poll(Duration.ZERO).seq()).isEqualTo(3);
        assertThat(s.poll(Duration.ZERO)).isNull();
    }

    @Test
    @Timeout(60) // a reader that is not woken waits a day: the guard turns that into a failure
    void overflowFreesTheQueueAndWakesAWaitingReaderAtOnce() throws Exception {
        Subscription s = Subscription.detached("r1", 2);
        for (int seq = 1; seq <= 3; seq++) s.offer(StreamEvent.chunk("r1", seq, "x", false));

        StreamEvent next = s.poll(Duration.ofDays(1));

        assertThat(next).isNull();
        assertThat(s.overflowed()).isTrue();
        s.offer(StreamEvent.chunk("r1", 4, "y", false));
        assertThat(s.poll(Duration.ZERO))
                .as("nothing is queued after an overflow")
                .isNull();
    }
}
