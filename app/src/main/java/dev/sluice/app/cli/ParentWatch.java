package dev.sluice.app.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM (dev mode's worker) stops when the JVM that started it is gone. The parent stops its
 * worker on every orderly exit; this covers the others (SIGKILL, the OOM killer), after which an
 * orphaned worker went on reconnecting to a broker that had died with its parent and held the
 * worker port, so the next start's worker could not bind it.
 */
final class ParentWatch {
    /** The system property dev mode sets on the worker JVM: the starting JVM's pid. */
    static final String PROPERTY = "sluice.parent-pid";

    private static final Logger log = LoggerFactory.getLogger(ParentWatch.class);

    private ParentWatch() {}

    /** When {@link #PROPERTY} is set, exits this JVM (its shutdown hooks run) once that process ends. */
    static void exitWithParent() {
        String pid = System.getProperty(PROPERTY);
        if (pid == null || pid.isBlank()) return;
        onGone(Long.parseLong(pid.strip()), () -> {
            log.warn("the process that started this one (pid {}) is gone; stopping", pid.strip());
            // Not on the completion thread: exit waits for the shutdown hooks.
            Thread.ofPlatform().name("sluice-parent-gone").start(() -> System.exit(0));
        });
    }

    /** Runs {@code then} once process {@code pid} has ended (at once if it is not running). */
    static void onGone(long pid, Runnable then) {
        ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .ifPresentOrElse(h -> h.onExit().thenRun(then), then);
    }
}
