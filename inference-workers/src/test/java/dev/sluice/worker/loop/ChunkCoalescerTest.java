package dev.sluice.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.event.StreamEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How one response's pieces become chunk events: first at once, later ones merged, sequences exact. */
class ChunkCoalescerTest {
    private ChunkFlusher flusher;

    @AfterEach
    void stop() {
        if (flusher != null) flusher.close();
    }

    private static String delivered(MockProducer<String, Object> producer) {
        return events(producer).stream().map(StreamEvent::text).collect(Collectors.joining());
    }

    private static List<StreamEvent> events(MockProducer<String, Object> producer) {
        return producer.history().stream()
                .map(ProducerRecord::value)
                .map(StreamEvent.class::cast)
                .toList();
    }

    @Test
    void firstPieceGoesOutAtOnceAndLaterOnesMergeWhileItIsInFlight() {
        MockProducer<String, Object> producer =
                new MockProducer<>(false, null, new StringSerializer(), (t, v) -> new byte[0]);
        flusher = new ChunkFlusher(
                Duration.ofHours(1), "test-flusher"); // never ticks during the test: flushes are driven by hand
        ChunkCoalescer c = new ChunkCoalescer("c-1", 0, producer, flusher);

        c.add("Once");
        c.add(" upon");
        c.add(" a");
        assertThat(events(producer)).extracting(StreamEvent::text).containsExactly("Once");

        assertThat(c.flush()).as("still in flight: visit again").isTrue();
        assertThat(events(producer)).hasSize(1);

        producer.completeNext();
        assertThat(c.flush()).isFalse();
        assertThat(events(producer))
                .extracting(StreamEvent::seq, StreamEvent::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "Once"),
                        org.assertj.core.groups.Tuple.tuple(2L, " upon a"));
    }

    @Test
    void anIdleFlusherSleepsUntilTextIsBufferedThenSendsIt() throws InterruptedException {
        MockProducer<String, Object> producer =
                new MockProducer<>(false, null, new StringSerializer(), (t, v) -> new byte[0]);
        flusher = new ChunkFlusher(Duration.ofMillis(2), "test-idle-flusher");
        // Nothing buffered: parked without a deadline, not ticking every window.
        awaitState(Thread.State.WAITING);
        ChunkCoalescer c = new ChunkCoalescer("c-1", 0, producer, flusher);

        c.add("Once"); // out at once
        c.add(" upon"); // buffered behind it: wakes the flusher, which visits until the first send completes
        producer.completeNext();

        for (int i = 0; i < 500 && events(producer).size() < 2; i++) Thread.sleep(10);
        assertThat(events(producer)).extracting(StreamEvent::text).containsExactly("Once", " upon");
        awaitState(Thread.State.WAITING); // and asleep again once nothing is left
    }

    private void awaitState(Thread.State state) throws InterruptedException {
        for (int i = 0; i < 500 && flusher.threadState() != state; i++) Thread.sleep(10);
        assertThat(flusher.threadState()).isEqualTo(state);
    }

    @Test
    void underLightLoadEveryPieceTravelsAlone() {
        MockProducer<String, Object> producer =
                new MockProducer<>(true, null, new StringSerializer(), (t, v) -> new byte[0]);
        flusher = new ChunkFlusher(Duration.ZERO, "test-flusher");
        ChunkCoalescer c = new ChunkCoalescer("c-1", 0, producer, flusher);

        for (String piece : List.of("a", "b", "c")) c.add(piece);

        assertThat(events(producer)).extracting(StreamEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(c.events()).isEqualTo(3);
    }

    @Test
    void finishSendsWhatIsBufferedBeforeTheTerminalSequence() {
        MockProducer<String, Object> producer =
                new MockProducer<>(false, null, new StringSerializer(), (t, v) -> new byte[0]);
        flusher = new ChunkFlusher(Duration.ofHours(1), "test-flusher");
        ChunkCoalescer c = new ChunkCoalescer("c-1", 4, producer, flusher); // a takeover: 4 events already out

        c.add("x");
        c.add("y");
        c.add("z");
        long terminal = c.finish();
        c.add("late");

        assertThat(events(producer))
                .extracting(StreamEvent::seq, StreamEvent::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5L, "x"), org.assertj.core.groups.Tuple.tuple(6L, "yz"));
        assertThat(terminal).isEqualTo(7);
    }

    @Test
    void theFlusherDeliversEveryPieceExactlyOnceInOrder() {
        MockProducer<String, Object> producer =
                new MockProducer<>(true, null, new StringSerializer(), (t, v) -> new byte[0]);
        flusher = new ChunkFlusher(Duration.ofMillis(2), "test-flusher");
        ChunkCoalescer c = new ChunkCoalescer("c-1", 0, producer, flusher);
        StringBuilder sent = new StringBuilder();

        for (int i = 0; i < 500; i++) {
            String piece = " t" + i;
            sent.append(piece);
            c.add(piece);
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (delivered(producer).length() < sent.length() && System.nanoTime() < deadline) Thread.onSpinWait();
        List<StreamEvent> events = events(producer);
        assertThat(delivered(producer)).isEqualTo(sent.toString());
        for (int i = 0; i < events.size(); i++) assertThat(events.get(i).seq()).isEqualTo(i + 1);
        assertThat(c.finish()).isEqualTo(events.size() + 1);
    }

    @Test
    void withCoalescingOffEveryPieceIsItsOwnEventEvenBehindAnUnacknowledgedOne() {
        MockProducer<String, Object> producer =
                new MockProducer<>(false, null, new StringSerializer(), (t, v) -> new byte[0]);
        flusher = new ChunkFlusher(Duration.ofHours(1), "test-flusher", false);
        ChunkCoalescer c = new ChunkCoalescer("c-1", 0, producer, flusher);

        for (String piece : List.of("a", "b", "c")) c.add(piece);

        assertThat(events(producer)).extracting(StreamEvent::text).containsExactly("a", "b", "c");
    }
}
