package dev.sluice.worker.engine.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchdogTest {
    private final Watchdog watchdog = new Watchdog("watchdog-test");

    @AfterEach
    void close() {
        watchdog.close();
    }

    @Test
    void aTryPastItsDeadlineIsMarkedTimedOutAndAbortedOnce() throws Exception {
        StreamState state = new StreamState(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
        AtomicInteger aborts = new AtomicInteger();
        CountDownLatch aborted = new CountDownLatch(1);

        watchdog.watch(state, () -> {
            aborts.incrementAndGet();
            aborted.countDown();
        });

        assertThat(aborted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(state.timedOut).isTrue();
        Thread.sleep(3 * Watchdog.TICK_NANOS / 1_000_000);
        assertThat(aborts).hasValue(1);
        assertThat(watchdog.watching()).isZero();
    }

    @Test
    void aDeadlineMovedOnByReadingIsNotAbortedAndAClosedWatchNeverIs() throws Exception {
        StreamState reading = new StreamState(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
        StreamState done = new StreamState(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(60));
        StreamState stalled = new StreamState(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(60));
        AtomicInteger readingAborts = new AtomicInteger();
        AtomicInteger doneAborts = new AtomicInteger();
        CountDownLatch stalledAborted = new CountDownLatch(1);

        watchdog.watch(reading, readingAborts::incrementAndGet);
        watchdog.watch(done, doneAborts::incrementAndGet).close();
        watchdog.watch(stalled, stalledAborted::countDown);
        // A chunk every 10 ms moves the idle deadline on, as RemoteStream does, for well past the stalled one's.
        for (int i = 0; i < 40; i++) {
            reading.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            Thread.sleep(10);
        }

        assertThat(stalledAborted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(readingAborts).hasValue(0);
        assertThat(reading.timedOut).isFalse();
        assertThat(doneAborts).hasValue(0);
        assertThat(done.timedOut).isFalse();
        assertThat(watchdog.watching()).isEqualTo(1);
    }

    @Test
    void anAbortThatThrowsDoesNotEndTheSweepForOtherTries() throws Exception {
        watchdog.watch(new StreamState(System.nanoTime()), () -> {
            throw new IllegalStateException("disconnect failed");
        });
        StreamState later = new StreamState(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
        CountDownLatch aborted = new CountDownLatch(1);
        watchdog.watch(later, aborted::countDown);

        assertThat(aborted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(later.timedOut).isTrue();
    }

    @Test
    void withNothingWatchedTheThreadSleepsUntilTheNextWatch() throws Exception {
        awaitState(Thread.State.WAITING);

        StreamState state = new StreamState(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30));
        CountDownLatch aborted = new CountDownLatch(1);
        watchdog.watch(state, aborted::countDown);

        assertThat(aborted.await(10, TimeUnit.SECONDS)).isTrue();
        awaitState(Thread.State.WAITING); // parked without a timeout again: no ticks while idle
    }

    private void awaitState(Thread.State state) throws InterruptedException {
        for (int i = 0; i < 500 && watchdog.threadState() != state; i++) Thread.sleep(10);
        assertThat(watchdog.threadState()).isEqualTo(state);
    }
}
