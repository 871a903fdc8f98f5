package dev.sluice.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One deployment service as a local process: the image's command line with the service's
 * environment, its output in a log file that a failing assertion quotes.
 */
final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    /** Where actuator listens: its own port when the service sets MANAGEMENT_SERVER_PORT, else {@link #port}. */
    final int managementPort;

    final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, int managementPort, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
    }

    /** Starts with exactly {@code env} (a container inherits nothing from the host). */
    static ServiceProcess start(
            String name, List<String> command, Map<String, String> env, int port, int managementPort, Path workDir) {
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve(name + ".log");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            return new ServiceProcess(name, port, managementPort, log, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** Waits for the readiness probe on the API port. */
    void awaitReady(String probePath, Duration timeout) {
        awaitReady(baseUrl(), probePath, timeout);
    }

    /** Waits for the readiness probe the deployment uses; fails early, with the log, if the process exits. */
    void awaitReady(String base, String probePath, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive())
                throw new AssertionError(
                        name + " exited with " + process.exitValue() + " before it was ready:\n" + tail());
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + probePath))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
            sleep(500);
        }
        throw new AssertionError(
                name + " not ready at " + base + probePath + " within " + timeout.toSeconds() + " s:\n" + tail());
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself (a refused configuration); its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            throw new AssertionError(name + " still running:\n" + tail());
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String tail() {
        String all = output();
        return "--- last lines of " + log + " ---\n" + all.substring(Math.max(0, all.length() - 6000));
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
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS))
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
