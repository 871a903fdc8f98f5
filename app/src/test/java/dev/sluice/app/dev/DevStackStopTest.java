package dev.sluice.app.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping dev mode (SIGTERM, or a terminal's Ctrl-C) closes the application first and its Redis
 * and PostgreSQL last. The libraries that run them register shutdown hooks of their own, and a
 * JVM runs its hooks at the same time: they stopped both servers while the audit stream, the
 * sinks and the caches were still closing (an ERROR and a stack trace at every stop). Redis also
 * shared the terminal's process group, so Ctrl-C killed it before the JVM had begun to close.
 */
class DevStackStopTest {
    private static final long WAIT_S = 90;

    @Test
    void redisAndPostgresOutliveTheApplicationsCloseAndStopWithTheStack(@TempDir Path dir) throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Process child = probe(dir, lines);
        try {
            String[] up = awaitLine(lines, child, "up ").split(" ");
            int redisPort = Integer.parseInt(up[1]);
            int dbPort = Integer.parseInt(up[2]);
            long redisPid = Long.parseLong(up[3]);
            assertThat(processGroup(redisPid))
                    .as("Redis runs in a process group of its own, out of reach of the terminal's Ctrl-C")
                    .isNotEqualTo(processGroup(child.pid()));

            // SIGTERM: the JVM's shutdown hooks run. (Process.destroy() would also close this
            // side's pipes, and the hook's lines would be lost.)
            child.toHandle().destroy();
            assertThat(child.waitFor(WAIT_S, TimeUnit.SECONDS)).isTrue();
            awaitOutputEnd(lines, "closed");
            assertThat(lines)
                    .as(
                            "the probe's hook, 1.5 s into the shutdown, still finds both servers (exit %d)",
                            child.exitValue())
                    .contains("redis alive", "postgres alive", "closed");
            assertThat(ProcessHandle.of(redisPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("Redis stopped with the stack")
                    .isFalse();
            assertThat(DevStackStopProbe.reachable(redisPort)).isFalse();
            assertThat(DevStackStopProbe.reachable(dbPort))
                    .as("PostgreSQL stopped with the stack")
                    .isFalse();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aStartAfterTheOwnerWasKilledStopsWhatItLeftRunningAndStarts(@TempDir Path dir) throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Process child = probe(dir, lines);
        long redisPid;
        int dbPort;
        try {
            String[] up = awaitLine(lines, child, "up ").split(" ");
            dbPort = Integer.parseInt(up[2]);
            redisPid = Long.parseLong(up[3]);
            assertThatThrownBy(() -> DataDirLock.acquire(dir))
                    .as("a running stack holds the directory")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another Sluice stack is running on");
        } finally {
            child.destroyForcibly(); // SIGKILL: no hook runs; Redis and PostgreSQL live on
        }
        assertThat(child.waitFor(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(redisPid).map(ProcessHandle::isAlive).orElse(false))
                .as("Redis outlived its owner")
                .isTrue();
        assertThat(DevStackStopProbe.reachable(dbPort)).as("so did PostgreSQL").isTrue();

        try (DevStack again = DevStack.start(dir, "127.0.0.1:9", null, null)) {
            assertThat(again.properties()).containsKeys("sluice.redis.url", "sluice.db.url");
            assertThat(ProcessHandle.of(redisPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the leftover Redis was stopped")
                    .isFalse();
            try (Connection c = DriverManager.getConnection(again.properties().get("sluice.db.url"))) {
                assertThat(c.isValid(5))
                        .as("PostgreSQL started again on the same data directory")
                        .isTrue();
            }
        }
        assertThat(DevStackStopProbe.reachable(dbPort))
                .as("the leftover PostgreSQL was stopped")
                .isFalse();
    }

    /** {@link DevStackStopProbe} in a child JVM on this test's classpath, its output collected into {@code lines}. */
    private static Process probe(Path dir, List<String> lines) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        DevStackStopProbe.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
            } catch (java.io.IOException ended) {
                // the child went away
            }
        });
        return child;
    }

    /** After the child's exit: waits a moment for its last line to be read. */
    private static void awaitOutputEnd(List<String> lines, String last) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!lines.contains(last) && System.nanoTime() < deadline) Thread.sleep(50);
    }

    private static String awaitLine(List<String> lines, Process child, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                for (String line : lines) if (line.startsWith(prefix)) return line;
            }
            if (!child.isAlive()) throw new AssertionError("the probe exited with " + child.exitValue() + ": " + lines);
            Thread.sleep(100);
        }
        throw new AssertionError("the probe did not start within " + WAIT_S + " s: " + lines);
    }

    /** Field 5 of /proc/PID/stat, read after the command name (which may hold spaces). */
    private static long processGroup(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(after[2]);
    }
}
