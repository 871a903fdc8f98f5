package dev.sluice.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server a dead process left running on a data directory: its pid file still names a live
 * process of that kind. Dev mode's Redis and PostgreSQL run in sessions of their own, so when the
 * JVM that started them is killed outright (SIGKILL, the OOM killer) they live on, holding their
 * ports and PostgreSQL its data directory, and the next start failed. Only the data directory's
 * owner may stop one ({@code DevStack} holds a lock on the directory before it asks).
 */
final class LeftoverServer {
    private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);

    private LeftoverServer() {}

    /**
     * The live process the pid file's first line names, if its command matches {@code kind} and it
     * runs in {@code dir} (Redis and PostgreSQL both change into their data directory), so a pid
     * the system has since given to another server is never taken for it.
     */
    static Optional<ProcessHandle> find(Path pidFile, Path dir, Predicate<String> kind) {
        long pid;
        try {
            if (!Files.isRegularFile(pidFile)) return Optional.empty();
            String first = Files.readString(pidFile, StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElse("")
                    .strip();
            pid = Long.parseLong(first);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        if (pid == ProcessHandle.current().pid()) return Optional.empty();
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> kind.test(h.info().command().orElse("")))
                .filter(h -> runsIn(h.pid(), dir));
    }

    private static boolean runsIn(long pid, Path dir) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"))
                    .equals(dir.toRealPath());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Waits up to {@code seconds} for it to end after it was asked to stop, then kills it. */
    static void awaitEnd(ProcessHandle h, String what, long seconds) {
        try {
            h.onExit().get(seconds, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            log.warn("{} left running (pid {}) did not stop in {} s; killing it", what, h.pid(), seconds);
            h.destroyForcibly();
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the start that follows, if the port or directory is still held
            }
        }
    }

    static void stopped(String what, ProcessHandle h) {
        log.warn("{} left running by a process that ended without stopping it (pid {}) was stopped", what, h.pid());
    }
}
