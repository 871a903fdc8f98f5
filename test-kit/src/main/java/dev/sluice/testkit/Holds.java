package dev.sluice.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The other half of awaiting: checks that something stays true for a while (what must not happen has had time to). */
public final class Holds {
    private Holds() {}

    /** Checks {@code condition} every 10 ms for {@code period}; throws an {@link AssertionError} naming {@code what} the first time it is false. */
    public static void forAWhile(Duration period, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.getAsBoolean()) throw new AssertionError("no longer true: " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
