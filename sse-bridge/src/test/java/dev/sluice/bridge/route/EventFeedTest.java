package dev.sluice.bridge.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.event.StreamEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFeedTest {

    private static StreamEvent chunk(long seq) {
        return StreamEvent.chunk("r1", seq, "t" + seq, false);
    }

    private static List<Long> drain(EventFeed feed) throws InterruptedException {
        List<Long> seqs = new ArrayList<>();
        StreamEvent e;
        while ((e = feed.next(Duration.ofMillis(10))) != null) seqs.add(e.seq());
        return seqs;
    }

    @Test
    void historyThenLiveOverlapIsDeliveredOnceWithoutGap() throws Exception {
        Subscription live = Subscription.detached("r1", 16);
        // The live subscription saw 5..8 while history was being read up to 6.
        for (long seq = 5; seq <= 8; seq++) live.offer(chunk(seq));
        EventFeed feed = new EventFeed(live, List.of(chunk(3), chunk(4), chunk(5), chunk(6)), 2);

        assertThat(drain(feed)).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void repeatedSequencesFromATakeoverAreDroppedInHistoryToo() throws Exception {
        EventFeed feed = new EventFeed(
                Subscription.detached("r1", 4), List.of(chunk(1), chunk(2), chunk(2), chunk(3), chunk(3)), 0);

        assertThat(drain(feed)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void eventsTheClientAlreadyHasAreSkipped() throws Exception {
        Subscription live = Subscription.detached("r1", 4);
        live.offer(chunk(2));
        live.offer(chunk(3));
        EventFeed feed = new EventFeed(live, List.of(), 2);

        assertThat(drain(feed)).containsExactly(3L);
    }
}
