package dev.sluice.app.dev;

import dev.sluice.schemas.lifecycle.Backoff;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker role in a child JVM, restarted when it dies. llama.cpp's native asserts end the
 * whole process; run apart, they end only the worker, and the restarted worker (or any other
 * in the group) takes over the prompts whose offsets were never committed.
 */
public final class WorkerProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);

    private final Map<String, String> properties;
    private final Consumer<String> output;
    private volatile boolean closing;
    private volatile @Nullable Process process;
    private @Nullable Thread supervisor;

    /** @param properties Spring properties for the child (Kafka address, model, ...); roles is set to worker */
    public WorkerProcess(Map<String, String> properties, Consumer<String> output) {
        this.properties = Map.copyOf(properties);
        this.output = output;
    }

    public WorkerProcess start() {
        // A terminal's Ctrl-C reaches the worker JVM too, and it exits while this JVM is still
        // closing: that is the stop, not a crash to restart from.
        Runtime.getRuntime()
                .addShutdownHook(
                        Thread.ofPlatform().name("sluice-worker-stopping").unstarted(() -> closing = true));
        supervisor =
                Thread.ofPlatform().name("sluice-worker-supervisor").daemon().start(this::supervise);
        return this;
    }

    private void supervise() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15));
        while (!closing) {
            long started = System.currentTimeMillis();
            try {
                process =
                        new ProcessBuilder(command()).redirectErrorStream(true).start();
                pipe(process);
                int code = process.waitFor();
                if (closing) return;
                log.warn("worker process exited with {}; restarting soon", code);
            } catch (IOException e) {
                log.error("cannot start the worker process: {}", e.toString());
            } catch (InterruptedException e) {
                return;
            }
            if (System.currentTimeMillis() - started > 60_000) backoff.reset();
            sleep(backoff.next().toMillis());
        }
    }

    List<String> command() {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(
                List.of(java, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xss1m"));
        cmd.addAll(jvmOptionsForChild(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        String tmp = System.getProperty("de.kherud.llama.tmpdir");
        if (tmp != null) cmd.add("-Dde.kherud.llama.tmpdir=" + tmp);
        // The worker stops when this JVM is gone, however it went (ParentWatch in the child).
        cmd.add("-Dsluice.parent-pid=" + ProcessHandle.current().pid());
        if (classpath.endsWith(".jar") && !classpath.contains(File.pathSeparator)) {
            cmd.addAll(List.of("-jar", classpath));
        } else {
            cmd.addAll(List.of("-cp", classpath, "dev.sluice.app.SluiceMain"));
        }
        cmd.add("serve");
        cmd.add("--sluice.roles=worker");
        properties.forEach((k, v) -> cmd.add("--" + k + "=" + v));
        return cmd;
    }

    /**
     * The parent's JVM options the child shares: the AOT cache {@code ./sluice dev} started it with (same jar,
     * same classes, so the worker starts from it too) and its log setting. Never {@code -XX:AOTCacheOutput}: a
     * training run writes one cache, from the parent.
     */
    static List<String> jvmOptionsForChild(List<String> parentOptions) {
        List<String> out = new ArrayList<>();
        for (String o : parentOptions) {
            if (o.startsWith("-XX:AOTCache=") || o.startsWith("-Xlog:aot")) out.add(o);
        }
        return out;
    }

    private void pipe(Process p) {
        Thread.ofPlatform().name("sluice-worker-output").daemon().start(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) output.accept(line);
            } catch (IOException ignored) {
                // process ended
            }
        });
    }

    /** The running child, for tests that kill it. */
    public @Nullable Process current() {
        return process;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing = true;
        Process p = process;
        if (p != null) {
            p.destroy();
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (supervisor != null) supervisor.interrupt();
    }
}
