package dev.sluice.bench.gateway;

import dev.sluice.app.SluiceApplication;
import dev.sluice.app.dev.DevStack;
import dev.sluice.gateway.auth.DevKey;
import dev.sluice.gateway.auth.DevTokens;
import dev.sluice.gateway.web.AdmissionClock;
import dev.sluice.schemas.event.ModelAnnounced;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway's own work per request (filters, JWT, Redis rate limit, JSON, validation,
 * produce until the broker's ack), as the in-process timer {@code sluice_gateway_admission_seconds}
 * sees it, under a fixed offered load. Runs a gateway-only Sluice with embedded Kafka and Redis
 * in this JVM; a model is announced by hand, no worker answers, so each response ends after a
 * short idle timeout and only admission is measured.
 *
 * <p>Args: rate (req/s) warmupSeconds measureSeconds users resultsFile
 */
public final class GatewayAdmissionBench {

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int measure = Integer.parseInt(args[2]);
        int users = Integer.parseInt(args[3]);
        Path results = Path.of(args[4]);
        Path dataDir = Files.createTempDirectory("sluice-bench-gw-");
        try (DevStack infra = DevStack.start(dataDir, null, null, "jdbc:postgresql://127.0.0.1:1/unused")) {
            Map<String, Object> props = new TreeMap<>(infra.properties());
            props.put("sluice.roles", "gateway");
            props.put("sluice.dev.enabled", "true");
            props.put("sluice.data-dir", dataDir.toString());
            props.put("server.port", "0");
            // Generous limits: every request still runs the Redis script, none is refused.
            props.put("sluice.ratelimit.requests-per-window", "100000000");
            // Each admission also reserves max_tokens (a second script); one bench user would spend 20,000 a minute at
            // once.
            props.put("sluice.ratelimit.tokens-per-minute", "1000000000000");
            props.put("sluice.bridge.decision-timeout", "100ms");
            props.put("sluice.bridge.idle-timeout", "300ms");
            props.put("logging.level.root", "WARN");
            // The gateway role does not use PostgreSQL; without this Flyway would want one.
            props.put("spring.flyway.enabled", "false");
            SpringApplication spring = new SpringApplication(SluiceApplication.class);
            try (ConfigurableApplicationContext app = spring.run(props.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new))) {
                String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
                announceModel(Objects.requireNonNull(
                        infra.properties().get("sluice.kafka.bootstrap"), "DevStack names its broker"));
                DevTokens tokens = new DevTokens(DevKey.loadOrCreate(dataDir));
                List<String> userTokens = new ArrayList<>();
                for (int u = 0; u < users; u++) userTokens.add(tokens.mint("bench-user-" + u, Duration.ofHours(2)));
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                waitForModel(http, base, userTokens.getFirst());

                MeterRegistry meters = app.getBean(MeterRegistry.class);
                Load warm = run(http, base, userTokens, rate, warmup);
                Timer old = meters.find(AdmissionClock.METER).timer();
                if (old != null) meters.remove(old);
                var os = (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long idle0 = os.getProcessCpuTime();
                Thread.sleep(5000);
                idleCpuPerSecond = (os.getProcessCpuTime() - idle0) / 1e6 / 5;
                long cpu0 = os.getProcessCpuTime();
                Load load = run(http, base, userTokens, rate, measure);
                cpuMsPerRequest = (os.getProcessCpuTime() - cpu0) / 1e6 / load.sent();
                Thread.sleep(1500);
                Timer timer = meters.find(AdmissionClock.METER).timer();
                write(results, rate, warmup, measure, users, warm, load, timer);
            }
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        // Kafka and Tomcat leave non-daemon threads behind.
        System.exit(0);
    }

    /** CPU time of this whole JVM (load generator, gateway, Kafka broker) per measured request. */
    private static double cpuMsPerRequest;
    /** CPU ms per second this JVM burns with no requests (consumers polling, broker, GC, JIT). */
    private static double idleCpuPerSecond;

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("\"code\":\"([a-z_]+)\"");

    record Load(long sent, double seconds, long maxLagMicros, Map<String, Long> statuses, long errors) {}

    /** Sends at a fixed rate for the given time, never waiting for answers (open model). */
    private static Load run(HttpClient http, String base, List<String> tokens, int rate, int seconds) {
        long interval = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        Map<String, Long> statuses = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long maxLag = 0;
        List<java.util.concurrent.CompletableFuture<?>> pending = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < due) LockSupport.parkNanos(due - now);
            maxLag = Math.max(maxLag, now - due);
            String body = "{\"model\":\"bench-model\",\"stream\":false,\"max_tokens\":16,\"messages\":["
                    + "{\"role\":\"system\",\"content\":\"You are brief.\"},{\"role\":\"user\",\"content\":\"Say hello to request "
                    + i + ".\"}]}";
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + tokens.get((int) (i % tokens.size())))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            pending.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            errors.incrementAndGet();
                            Throwable root = e.getCause() == null ? e : e.getCause();
                            errorKinds.merge(root.getClass().getSimpleName() + ": " + root.getMessage(), 1L, Long::sum);
                            return;
                        }
                        java.util.regex.Matcher m = CODE.matcher(r.body());
                        statuses.merge(r.statusCode() + (m.find() ? " " + m.group(1) : ""), 1L, Long::sum);
                    }));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (var f : pending) {
            try {
                f.join();
            } catch (RuntimeException ignored) {
                // counted in errors
            }
        }
        if (!errorKinds.isEmpty()) System.out.println("transport errors: " + errorKinds);
        return new Load(total, elapsed, maxLag / 1000, new TreeMap<>(statuses), errors.get());
    }

    private static void announceModel(String bootstrap) {
        try (KafkaProducer<String, ModelAnnounced> p = new KafkaProducer<>(
                KafkaClients.producer(bootstrap, "bench-announcer"),
                new StringSerializer(),
                Topics.MODELS.valueSerde().serializer())) {
            p.send(new ProducerRecord<>(
                    Topics.MODELS.name(),
                    "bench-model",
                    new ModelAnnounced(
                            "bench-model", "none", 4096, "plain", null, "bench", System.currentTimeMillis())));
            p.flush();
        }
    }

    private static void waitForModel(HttpClient http, String base, String token) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/models"))
                .header("Authorization", "Bearer " + token)
                .build();
        for (int i = 0; i < 300; i++) {
            if (http.send(req, HttpResponse.BodyHandlers.ofString()).body().contains("bench-model")) return;
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway never listed bench-model");
    }

    private static void write(
            Path file, int rate, int warmup, int measure, int users, Load warm, Load load, @Nullable Timer timer)
            throws Exception {
        System.out.println("warm-up answers: " + warm.statuses() + " (" + warm.errors()
                + " transport errors), measured answers: " + load.statuses());
        if (timer == null) throw new IllegalStateException("no request was admitted during the measured run");
        HistogramSnapshot s = timer.takeSnapshot();
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "offered: %d req/s for %d s after %d s warm-up, %d users, machine %d vCPU, %s%n",
                rate,
                measure,
                warmup,
                users,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        out.append(String.format(
                Locale.ROOT,
                "achieved send rate: %.0f req/s (max scheduling lag %.1f ms); warm-up %.0f req/s%n",
                load.sent() / load.seconds(),
                load.maxLagMicros() / 1000.0,
                warm.sent() / warm.seconds()));
        out.append(String.format(
                Locale.ROOT,
                "process CPU per request (client + gateway + broker in this JVM; Redis not included): %.2f ms;"
                        + " idle process CPU %.0f ms per second%n",
                cpuMsPerRequest,
                idleCpuPerSecond));
        out.append("answers: ")
                .append(load.statuses())
                .append(", transport errors: ")
                .append(load.errors())
                .append('\n');
        out.append(String.format(
                Locale.ROOT,
                "admitted (timer count): %d, mean %.3f ms, max %.3f ms%n",
                s.count(),
                s.mean(TimeUnit.MILLISECONDS),
                s.max(TimeUnit.MILLISECONDS)));
        for (ValueAtPercentile p : s.percentileValues()) {
            out.append(String.format(
                    Locale.ROOT, "p%s: %.3f ms%n", trim(p.percentile() * 100), p.value(TimeUnit.MILLISECONDS)));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString());
        System.out.print(out);
    }

    private static String trim(double d) {
        return d == Math.floor(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
