package dev.sluice.worker.engine.openai;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that ends every try whose server stayed silent past its deadline: a sweep over all
 * watched tries every {@link #TICK_NANOS}, and no wake-ups while none is watched.
 *
 * <p>It replaced a fixed-rate task per try on a scheduled executor, which woke its thread once
 * per try every 20 ms: about 500 context switches a second and 1.2 % of a core for 13 tries in
 * flight at 50 answers/s on 2 vCPUs, growing with the tries (256 in flight: 12,800 task runs a
 * second). A sweep is 50 wake-ups a second whatever the number of tries.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    static final long TICK_NANOS = 20_000_000L;

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;
    /** Set while the thread parks with nothing to watch; the next {@link #watch} wakes it. */
    private volatile boolean idle;

    /** A try being watched; {@link #close} stops watching it. */
    final class Watched implements AutoCloseable {
        private final StreamState state;
        private final Runnable abort;

        private Watched(StreamState state, Runnable abort) {
            this.state = state;
            this.abort = abort;
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }

    Watchdog(String name) {
        thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
    }

    /** Marks {@code state} timed out and runs {@code abort} once {@code state}'s deadline passes (checked every 20 ms). */
    Watched watch(StreamState state, Runnable abort) {
        Watched w = new Watched(state, abort);
        watched.add(w);
        if (idle) {
            idle = false;
            LockSupport.unpark(thread);
        }
        return w;
    }

    /** Tries watched now (tests). */
    int watching() {
        return watched.size();
    }

    /** The thread's state (tests: {@code WAITING} when it sleeps with nothing to watch). */
    Thread.State threadState() {
        return thread.getState();
    }

    private void run() {
        while (running) {
            if (watched.isEmpty()) {
                // The flag is set before the second look, so a try watched in between is seen here or wakes the park.
                idle = true;
                if (watched.isEmpty() && running) LockSupport.park(this);
                idle = false;
                continue;
            }
            LockSupport.parkNanos(this, TICK_NANOS);
            long now = System.nanoTime();
            for (Watched w : watched) {
                if (now - w.state.deadline > 0) {
                    watched.remove(w);
                    w.state.timedOut = true;
                    try {
                        w.abort.run();
                    } catch (RuntimeException e) {
                        // One try's failed disconnect must not end the sweep for every other try.
                        log.warn("ending a timed-out try failed: {}", e.toString());
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
