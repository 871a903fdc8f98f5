package dev.sluice.bridge.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One user can hold at most its share of the replay pool; others are not affected, and nothing leaks. */
class UserSharesTest {

    @Test
    void aUserOverItsShareIsRefusedWhileOthersStillEnter() {
        UserShares shares = new UserShares(2);

        assertThat(shares.tryEnter("mallory")).isTrue();
        assertThat(shares.tryEnter("mallory")).isTrue();
        assertThat(shares.tryEnter("mallory"))
                .as("third slot of a share of two")
                .isFalse();
        assertThat(shares.tryEnter("alice")).isTrue();
        assertThat(shares.held("mallory")).isEqualTo(2);

        shares.leave("mallory");
        assertThat(shares.tryEnter("mallory"))
                .as("a slot given back can be taken again")
                .isTrue();
    }

    @Test
    void whileTheShareIsHeldEveryConcurrentAttemptIsRefused() throws Exception {
        UserShares shares = new UserShares(3);
        for (int i = 0; i < 3; i++) assertThat(shares.tryEnter("mallory")).isTrue();
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 29; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    if (shares.tryEnter("mallory")) admitted.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) t.join();

        assertThat(admitted.get()).isZero();
        assertThat(shares.held("mallory")).isEqualTo(3);
    }

    @Test
    void concurrentEntriesNeverExceedTheShareAndLeaveNothingBehind() throws Exception {
        UserShares shares = new UserShares(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    for (int round = 0; round < 200; round++) {
                        if (!shares.tryEnter("mallory")) continue;
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                        shares.leave("mallory");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) t.join();

        assertThat(most.get()).as("slots held at once").isBetween(1, 3);
        assertThat(shares.held("mallory")).isZero();
        assertThat(shares.activeUsers())
                .as("no entry left for a user holding nothing")
                .isZero();
    }
}
