package dev.sluice.schemas.crypto;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Group commit for a store: calls that arrive while one batch is at the store wait, and go out
 * together in the next batch, one statement and one transaction for all of them. Nothing waits
 * for a batch to fill: a call made while the store is idle runs at once, alone, so at light load
 * every call costs what it did unbatched; under load the batch is whatever arrived during the
 * previous round trip, which is what lets the store's cost per call fall as the rate rises
 * (PostgreSQL: ~110 µs of server CPU for one data key insert alone, ~35 µs each in batches of 8).
 *
 * <p>The caller that finds the store idle leads: it runs the batch for everyone waiting (itself
 * first) and hands the lead to the next waiter, so no caller serves more than one batch. A batch
 * that throws fails every call in it; an outcome that is a {@link RuntimeException} fails its own
 * call only. Thread-safe.
 *
 * @param <I> what one call asks
 * @param <O> what one call answers
 */
final class GroupCommit<I, O> {
    private static final class Waiter<I> {
        final I item;
        final Thread thread = Thread.currentThread();

        /** Written before {@link #done}, read after it. */
        @Nullable
        Object outcome;

        volatile boolean done;
        volatile boolean lead;

        Waiter(I item) {
            this.item = item;
        }
    }

    /** Runs one batch: one outcome per item, in order, each an {@code O} or a {@link RuntimeException}. */
    private final Function<List<I>, List<?>> batch;

    private final int maxBatch;
    /** A batch failure that every waiting call would meet too (the store is down): answered at once, not batch by batch. */
    private final java.util.function.Predicate<RuntimeException> shared;

    private final ArrayDeque<Waiter<I>> queue = new ArrayDeque<>();
    private boolean busy;
    private long batches;
    private long calls;

    GroupCommit(int maxBatch, Function<List<I>, List<?>> batch) {
        this(maxBatch, batch, e -> false);
    }

    /**
     * @param shared a batch failure every call waiting behind it would meet as well (an outage):
     *               they get it at once instead of each waiting out a batch of their own
     */
    GroupCommit(int maxBatch, Function<List<I>, List<?>> batch, java.util.function.Predicate<RuntimeException> shared) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        this.maxBatch = maxBatch;
        this.batch = batch;
        this.shared = shared;
    }

    /** Runs {@code item} in the next batch and answers its outcome. */
    O call(I item) {
        Waiter<I> self = new Waiter<>(item);
        boolean leading;
        synchronized (this) {
            queue.add(self);
            leading = !busy;
            busy = true;
        }
        if (!leading) {
            // Each waiter is woken alone, when its batch is done or the lead is handed to it: under
            // load dozens of callers wait, and waking all of them per batch (notifyAll) cost more CPU
            // than the statements. Not interruptible: a leader may already have taken this call into
            // its batch; the store's own timeouts bound the wait (statement and connection timeouts).
            boolean interrupted = false;
            while (!self.done && !self.lead) {
                LockSupport.park(this);
                if (Thread.interrupted()) interrupted = true;
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (self.done) return answer(self);
        }
        List<Waiter<I>> mine;
        synchronized (this) {
            // The leader is always at the head: it found the store idle, or was handed the lead as the head.
            mine = new ArrayList<>(Math.min(maxBatch, queue.size()));
            while (!queue.isEmpty() && mine.size() < maxBatch) mine.add(queue.poll());
            batches++;
            calls += mine.size();
        }
        List<?> outcomes = null;
        RuntimeException failed = null;
        try {
            outcomes = batch.apply(mine.stream().map(w -> w.item).toList());
            if (outcomes.size() != mine.size())
                failed = new IllegalStateException(
                        "a batch of " + mine.size() + " answered " + outcomes.size() + " outcomes");
        } catch (RuntimeException e) {
            failed = e;
        } catch (Error e) {
            failed = new IllegalStateException(e);
            settle(mine, null, failed);
            throw e;
        }
        settle(mine, outcomes, failed);
        return answer(self);
    }

    private void settle(List<Waiter<I>> mine, @Nullable List<?> outcomes, @Nullable RuntimeException failed) {
        List<Waiter<I>> wake = new ArrayList<>(mine);
        synchronized (this) {
            for (int i = 0; i < mine.size(); i++) {
                Waiter<I> w = mine.get(i);
                w.outcome = failed != null
                        ? failed
                        : java.util.Objects.requireNonNull(outcomes).get(i);
                w.done = true;
            }
            if (failed != null && shared.test(failed)) {
                for (Waiter<I> w : queue) {
                    w.outcome = failed;
                    w.done = true;
                    wake.add(w);
                }
                queue.clear();
            }
            Waiter<I> next = queue.peek();
            if (next == null) busy = false;
            else {
                next.lead = true;
                wake.add(next);
            }
        }
        for (Waiter<I> w : wake) {
            if (w.thread != Thread.currentThread()) LockSupport.unpark(w.thread);
        }
    }

    @SuppressWarnings("unchecked")
    private O answer(Waiter<I> w) {
        Object outcome = w.outcome;
        if (outcome instanceof RuntimeException e) throw e;
        return (O) java.util.Objects.requireNonNull(outcome, "a batch answered null for a call");
    }

    /** Batches run since start (each one statement at the store). */
    synchronized long batches() {
        return batches;
    }

    /** Calls answered since start; {@code calls() / batches()} is the mean batch size. */
    synchronized long calls() {
        return calls;
    }
}
