package dev.sluice.app.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bounds how long a JVM may take to stop after SIGTERM. Spring closes the context in its own
 * shutdown hook; a bean whose close blocks (a client waiting for a broker that is already gone,
 * a native call that never returns) would otherwise keep the process alive forever, and whoever
 * waits for it (a terminal's Ctrl-C, the browser tests' harness, CI) with it. Once the limit
 * passes, every thread's stack goes to stderr, so the stuck close can be found, and the JVM halts.
 */
public final class ShutdownWatchdog {
    /** Long enough for every bounded close in the stack (Kafka clients 2-10 s, Streams 10 s, PostgreSQL 5 s). */
    public static final Duration LIMIT = Duration.ofSeconds(60);

    /** Arms the watchdog for {@code context}: it runs only when the JVM begins to shut down. */
    public static void arm(ConfigurableApplicationContext context, Duration limit) {
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform()
                        .name("sluice-shutdown-watchdog")
                        .unstarted(() -> {
                            if (!awaitClosed(context, limit)) {
                                report(System.err, limit);
                                Runtime.getRuntime().halt(3);
                            }
                        }));
    }

    /** True once the context has finished closing, false when {@code limit} passed first. */
    static boolean awaitClosed(ConfigurableApplicationContext context, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (context.isActive()) {
            if (System.nanoTime() - deadline > 0) return false;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return true;
            }
        }
        return true;
    }

    static void report(PrintStream out, Duration limit) {
        StringBuilder dump = new StringBuilder("sluice: shutdown did not finish within " + limit.toSeconds()
                + " s of the stop signal; halting. Threads still running:\n");
        for (Map.Entry<Thread, StackTraceElement[]> e :
                Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            dump.append('"')
                    .append(t.getName())
                    .append("\" ")
                    .append(t.isDaemon() ? "daemon " : "")
                    .append(t.getState())
                    .append('\n');
            for (StackTraceElement frame : e.getValue())
                dump.append("    at ").append(frame).append('\n');
        }
        out.print(dump);
        out.flush();
    }

    private ShutdownWatchdog() {}
}
