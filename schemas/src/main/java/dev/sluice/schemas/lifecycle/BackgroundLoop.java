package dev.sluice.schemas.lifecycle;

import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named thread that runs one step (typically a Kafka poll and what follows) until closed. A
 * step that throws anything, an {@link Error} included, stops the loop: the cause is logged at
 * ERROR with its stack and what stops working, and {@link #alive()} turns false, which health
 * reports as DOWN so the orchestrator restarts the process. A loop must never die silently (a
 * thread's default handler prints to stderr, which nobody reads, and health stayed UP).
 */
public final class BackgroundLoop {
    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    /** One turn of the loop. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private final String name;
    private final String consequence;
    private final Step step;
    private final Runnable onExit;
    private volatile boolean running = true;
    private volatile @Nullable Throwable failure;
    private @Nullable Thread thread;

    /**
     * @param name        the thread's name and how logs and health call the loop
     * @param consequence what no longer happens once it stopped, for the log line
     * @param onExit      runs on the loop's thread when it ends, cleanly or not (close the consumer here)
     */
    public BackgroundLoop(String name, String consequence, Step step, Runnable onExit) {
        this.name = name;
        this.consequence = consequence;
        this.step = step;
        this.onExit = onExit;
    }

    public BackgroundLoop start() {
        thread = Thread.ofPlatform().name(name).daemon().start(this::run);
        return this;
    }

    private void run() {
        try {
            while (running) step.run();
        } catch (WakeupException e) {
            if (running) stopped(e);
        } catch (Throwable e) {
            stopped(e);
        } finally {
            try {
                onExit.run();
            } catch (RuntimeException e) {
                log.warn("{}: cleanup failed: {}", name, e.toString());
            }
        }
    }

    private void stopped(Throwable e) {
        failure = e;
        log.error("{} stopped: {}; {}. Health reports DOWN.", name, e, consequence, e);
    }

    /** True while the thread runs; false before start, after close and once a step failed. */
    public boolean alive() {
        Thread t = thread;
        return t != null && t.isAlive() && failure == null;
    }

    /** Why it stopped, or null while it runs or after a clean close. */
    public @Nullable Throwable failure() {
        return failure;
    }

    public String name() {
        return name;
    }

    /** Asks the loop to stop after the current step (wake a blocked poll separately). */
    public void stop() {
        running = false;
    }

    /** Waits up to {@code millis} for the thread to end. */
    public void join(long millis) throws InterruptedException {
        Thread t = thread;
        if (t != null) t.join(millis);
    }
}
