package dev.sluice.persistence.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/** Polls a condition until it holds; fails with the last value seen, never on a timing. */
public final class Await {

    public static <T> T until(String what, Duration timeout, Callable<T> probe, java.util.function.Predicate<T> done)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.call();
                lastError = null;
                if (done.test(last)) return last;
            } catch (Exception e) {
                lastError = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "gave up waiting for " + what + "; last value: " + Objects.toString(last)
                        + (lastError == null ? "" : ", last error: " + lastError),
                lastError);
    }

    public static <T> T equals(String what, Duration timeout, Callable<T> probe, T expected) throws Exception {
        return until(what, timeout, probe, v -> Objects.equals(v, expected));
    }

    private Await() {}
}
