package dev.sluice.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.Models;
import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 3, automated: {@code ./sluice dev}'s readiness and its printed "ready" line wait
 * for the model. The dev command runs as a user runs it, in its own process with its worker JVM;
 * the worker is frozen (SIGSTOP) the moment it appears, so no model can be announced: readiness
 * must answer 503 with {@code model} out of service, and no "ready" line may be printed. Thawed
 * (SIGCONT), the worker announces its model, readiness turns 200 and the line follows, naming
 * where each JVM's metrics are scraped.
 */
class DevReadinessTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String READY_LINE = "Sluice is ready";

    @Test
    void readinessAndTheReadyLineWaitForTheWorkersModel() throws Exception {
        Path model = Models.require("stories260K.gguf");
        Path data = Files.createTempDirectory("sluice-dev-readiness");
        List<String> output = new CopyOnWriteArrayList<>();
        try (PortReservation api = LocalPorts.reserve();
                PortReservation workerPort = LocalPorts.reserve()) {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "-Xss1m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.sluice.app.SluiceMain",
                    "dev",
                    "--model",
                    model.toString(),
                    "--port",
                    String.valueOf(api.port()),
                    "--worker-port",
                    String.valueOf(workerPort.port()),
                    "--data-dir",
                    data.toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            // Embedded Kafka, Redis and PostgreSQL on free ports, as the browser tests run it.
            pb.environment().put("SLUICE_DEV_KAFKA_PORT", "0");
            pb.environment().put("SLUICE_DEV_REDIS_PORT", "0");
            pb.environment().put("SLUICE_DEV_DB_PORT", "0");
            // The reservations stay held (lock files, not sockets) while the dev process binds the ports.
            Process dev = pb.start();
            pipe(dev, output);
            try {
                ProcessHandle worker = await(
                                "the worker JVM to start", Duration.ofMinutes(5), dev, output, () -> workerOf(dev))
                        .orElseThrow();
                signal("STOP", worker);

                String base = "http://127.0.0.1:" + api.port();
                HttpResponse<String> first = await(
                                "the dev gateway to answer on " + base,
                                Duration.ofMinutes(5),
                                dev,
                                output,
                                () -> get(base + "/actuator/health/readiness"))
                        .orElseThrow();
                assertThat(first.statusCode())
                        .as("readiness with no model announced: %s", first.body())
                        .isEqualTo(503);
                assertThat(first.body()).contains("OUT_OF_SERVICE");
                Thread.sleep(2_000);
                assertThat(get(base + "/actuator/health/readiness")
                                .orElseThrow()
                                .statusCode())
                        .as("still no model")
                        .isEqualTo(503);
                assertThat(output)
                        .as("no ready line while no model is announced")
                        .noneMatch(l -> l.contains(READY_LINE));

                signal("CONT", worker);
                await(
                        "readiness to turn 200 once the worker announces its model",
                        Duration.ofMinutes(8),
                        dev,
                        output,
                        () -> get(base + "/actuator/health/readiness").filter(r -> r.statusCode() == 200));
                await(
                        "the ready line",
                        Duration.ofMinutes(1),
                        dev,
                        output,
                        () -> output.stream()
                                .filter(l -> l.contains(READY_LINE))
                                .findFirst());
                String metrics = await(
                                "the banner's metrics line",
                                Duration.ofSeconds(30),
                                dev,
                                output,
                                () -> output.stream()
                                        .filter(l -> l.contains("Metrics:"))
                                        .findFirst())
                        .orElseThrow();
                assertThat(metrics)
                        .as("the banner names both JVMs' scrape ports")
                        .contains(base + "/actuator/prometheus")
                        .contains("http://127.0.0.1:" + workerPort.port() + "/actuator/prometheus");

                // Ctrl-C (SIGTERM) stops everything by itself: no JVM left waiting on a close, no
                // worker, Redis or PostgreSQL left running. A stack that hung here once held CI.
                List<ProcessHandle> started = dev.descendants().toList();
                dev.destroy();
                boolean exited = dev.waitFor(ShutdownWatchdog.LIMIT.toSeconds() + 30, TimeUnit.SECONDS);
                assertThat(exited)
                        .as("the dev process exits on SIGTERM by itself:\n%s", tail(output))
                        .isTrue();
                assertThat(output).as("no watchdog halt").noneMatch(l -> l.contains("shutdown did not finish"));
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline
                        && (started.stream().anyMatch(ProcessHandle::isAlive)
                                || !leftovers(data).isEmpty())) {
                    Thread.sleep(100);
                }
                assertThat(started.stream()
                                .filter(ProcessHandle::isAlive)
                                .map(DevReadinessTest::cmdline)
                                .toList())
                        .as("processes the dev stack started, still running after it stopped")
                        .isEmpty();
                assertThat(leftovers(data))
                        .as("processes still using the data directory %s", data)
                        .isEmpty();
            } finally {
                stop(dev);
            }
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Any process whose command line names the data directory (PostgreSQL's postmaster detaches from its parent). */
    private static List<String> leftovers(Path data) {
        String dir = data.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .map(DevReadinessTest::cmdline)
                .filter(c -> c.contains(dir))
                .map(c -> c.replace('\0', ' '))
                .toList();
    }

    /** The dev process's worker child: a JVM started with {@code serve --sluice.roles=worker}. */
    private static Optional<ProcessHandle> workerOf(Process dev) {
        return dev.descendants()
                .filter(p -> cmdline(p).contains("\0--sluice.roles=worker\0"))
                .findFirst();
    }

    /** Read from /proc: {@code ProcessHandle.Info} leaves out the arguments of a command line as long as a test classpath. */
    private static String cmdline(ProcessHandle p) {
        try {
            return new String(
                    Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<HttpResponse<String>> get(String url) {
        try {
            return Optional.of(HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Polls until {@code probe} yields a value; fails with the dev process's output when it exits or time runs out. */
    private static <T> Optional<T> await(
            String what,
            Duration timeout,
            Process dev,
            List<String> output,
            java.util.function.Supplier<Optional<T>> probe)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) return value;
            if (!dev.isAlive())
                throw new AssertionError("the dev process exited with " + dev.exitValue() + " while waiting for " + what
                        + ":\n" + tail(output));
            Thread.sleep(5);
        }
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + ":\n" + tail(output));
    }

    private static void signal(String signal, ProcessHandle p) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid()))
                .inheritIO()
                .start()
                .waitFor();
        assertThat(code).as("kill -%s %d", signal, p.pid()).isZero();
    }

    private static void stop(Process dev) throws IOException, InterruptedException {
        if (!dev.isAlive()) return;
        List<ProcessHandle> children = dev.descendants().toList();
        for (ProcessHandle c : children) {
            // A frozen worker would ignore SIGTERM until thawed.
            new ProcessBuilder("kill", "-CONT", String.valueOf(c.pid())).start().waitFor();
        }
        dev.destroy();
        if (!dev.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) dev.destroyForcibly();
        for (ProcessHandle c : children) {
            if (c.isAlive()) c.destroyForcibly();
        }
    }

    private static void pipe(Process p, List<String> output) {
        Thread.ofPlatform().daemon().name("dev-output").start(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) output.add(line);
            } catch (IOException ignored) {
                // ended
            }
        });
    }

    private static String tail(List<String> output) {
        List<String> copy = List.copyOf(output);
        return String.join("\n", copy.subList(Math.max(0, copy.size() - 60), copy.size()));
    }
}
