package dev.sluice.schemas.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void aCallAloneRunsAtOnceInABatchOfItsOwn() {
        List<List<Integer>> seen = new ArrayList<>();
        GroupCommit<Integer, Integer> g = new GroupCommit<>(8, items -> {
            seen.add(items);
            return items.stream().map(i -> i * 2).toList();
        });

        assertThat(g.call(3)).isEqualTo(6);
        assertThat(g.call(4)).isEqualTo(8);
        assertThat(seen).containsExactly(List.of(3), List.of(4));
        assertThat(g.batches()).isEqualTo(2);
    }

    @Test
    void callsThatArriveWhileABatchRunsGoTogetherInTheNextAndEachGetsItsOwnAnswer() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> seen = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> g = new GroupCommit<>(64, items -> {
            seen.add(items);
            if (items.contains(0)) {
                firstRunning.countDown();
                await(release);
            }
            return items.stream().map(i -> i * 10).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<Integer> first = pool.submit(() -> g.call(0));
            assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
            List<Thread> callers = new ArrayList<>();
            List<Future<Integer>> later = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int item = i;
                later.add(pool.submit(() -> {
                    synchronized (callers) {
                        callers.add(Thread.currentThread());
                    }
                    return g.call(item);
                }));
            }
            // All five wait on the group's monitor while the first batch is held.
            waitUntil(() -> {
                synchronized (callers) {
                    return callers.size() == 5 && callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING);
                }
            });
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
            for (int i = 0; i < 5; i++)
                assertThat(later.get(i).get(10, TimeUnit.SECONDS)).isEqualTo((i + 1) * 10);
            assertThat(seen).hasSize(2);
            assertThat(seen.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
            assertThat(g.batches()).isEqualTo(2);
            assertThat(g.calls()).isEqualTo(6);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOutcomeThatIsAnExceptionFailsItsOwnCallAndAFailedBatchFailsEveryCallInIt() {
        GroupCommit<Integer, Integer> perItem = new GroupCommit<>(
                8,
                items -> items.stream()
                        .map(i -> i < 0 ? (Object) new ConversationTakenException("taken " + i) : (Object) i)
                        .toList());
        assertThat(perItem.call(5)).isEqualTo(5);
        assertThatThrownBy(() -> perItem.call(-1))
                .isInstanceOf(ConversationTakenException.class)
                .hasMessage("taken -1");

        GroupCommit<Integer, Integer> down = new GroupCommit<>(8, items -> {
            throw new KeysUnavailableException("store down");
        });
        assertThatThrownBy(() -> down.call(1)).isInstanceOf(KeysUnavailableException.class);
        assertThatThrownBy(() -> down.call(2))
                .as("the failure released the lead: the next call runs, and fails on its own")
                .isInstanceOf(KeysUnavailableException.class);
        assertThat(down.batches()).isEqualTo(2);
    }

    @Test
    void anOutageAnswersEveryCallWaitingBehindTheFailedBatchAtOnce() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, Integer> g = new GroupCommit<>(
                64,
                items -> {
                    if (items.contains(0)) {
                        firstRunning.countDown();
                        await(release);
                    }
                    throw new KeysUnavailableException("store down");
                },
                KeysUnavailableException.class::isInstance);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Integer> first = pool.submit(() -> g.call(0));
            assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
            List<Thread> callers = Collections.synchronizedList(new ArrayList<>());
            List<Future<Integer>> waiting = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int item = i;
                waiting.add(pool.submit(() -> {
                    callers.add(Thread.currentThread());
                    return g.call(item);
                }));
            }
            waitUntil(() -> callers.size() == 3
                    && List.copyOf(callers).stream().allMatch(t -> t.getState() == Thread.State.WAITING));
            release.countDown();

            for (Future<Integer> f : List.of(first, waiting.get(0), waiting.get(1), waiting.get(2)))
                assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(KeysUnavailableException.class);
            assertThat(g.batches())
                    .as("the waiting calls never ran a batch of their own")
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThatThrownBy(() -> g.call(9))
                .as("a later call tries the store again")
                .isInstanceOf(KeysUnavailableException.class);
        assertThat(g.batches()).isEqualTo(2);
    }

    @Test
    void underContentionEveryCallIsAnsweredOnceWithItsOwnAnswerAndBatchesStayBounded() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> g = new GroupCommit<>(4, items -> {
            sizes.add(items.size());
            Thread.yield();
            return items.stream().map(i -> -i).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int base = t * 1000;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) if (g.call(base + i) != -(base + i)) return false;
                    return true;
                }));
            }
            for (Future<Boolean> r : results)
                assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(g.calls()).isEqualTo(16 * 300);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(16 * 300);
        assertThat(sizes).allMatch(s -> s >= 1 && s <= 4);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("not released");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not reached in 10 s");
            Thread.sleep(5);
        }
    }
}
