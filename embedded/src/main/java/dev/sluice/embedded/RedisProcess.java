package dev.sluice.embedded;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One redis-server process, started and stopped by its owner alone. The embedded-redis library
 * supplies the binary and the command line, but its own start registers a JVM shutdown hook
 * that stops Redis while the application is still closing (JVM hooks run together), so at every
 * stop the caches and the erasure propagation lost Redis under their feet. Here nothing stops it
 * but {@link #stop()}. Where {@code setsid} exists Redis also runs in a session of its own: a
 * terminal's Ctrl-C reaches the JVM, which stops Redis last, instead of every process at once.
 */
final class RedisProcess {
    private static final File SETSID = new File("/usr/bin/setsid");
    private static final String READY = "ready to accept connections";

    private final Process process;

    private RedisProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code args} (binary first, as the library builds them) and waits until Redis accepts connections. */
    static RedisProcess start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        if (SETSID.canExecute()) command.add(SETSID.getPath());
        command.addAll(args);
        Process p = new ProcessBuilder(command)
                .directory(new File(args.getFirst()).getAbsoluteFile().getParentFile())
                .redirectErrorStream(true)
                .start();
        StringBuilder said = new StringBuilder();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread.ofPlatform().name("sluice-redis-output").daemon().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (ready.isDone()) continue; // drained, so Redis never blocks on a full pipe
                    synchronized (said) {
                        said.append(line).append('\n');
                    }
                    if (line.toLowerCase(java.util.Locale.ROOT).contains(READY)) ready.complete(true);
                }
            } catch (IOException ignored) {
                // the process is gone; the wait below says so
            }
            ready.complete(false);
        });
        boolean up;
        try {
            up = ready.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            up = false;
        } catch (ExecutionException | TimeoutException e) {
            up = false;
        }
        if (!up) {
            RedisProcess failed = new RedisProcess(p);
            failed.stop();
            String output;
            synchronized (said) {
                output = said.toString().strip();
            }
            throw new IOException("Redis did not start: " + (output.isEmpty() ? "no output" : output));
        }
        return new RedisProcess(p);
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM (Redis writes its append-only file and exits), then SIGKILL after 10 s. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
