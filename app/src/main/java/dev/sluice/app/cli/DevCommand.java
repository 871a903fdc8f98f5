package dev.sluice.app.cli;

import dev.sluice.app.SluiceApplication;
import dev.sluice.app.dev.DataDirLock;
import dev.sluice.app.dev.DevPort;
import dev.sluice.app.dev.DevStack;
import dev.sluice.app.dev.WorkerProcess;
import dev.sluice.app.model.ModelDownloader;
import dev.sluice.gateway.auth.DevKey;
import dev.sluice.gateway.auth.DevTokens;
import dev.sluice.gateway.models.ModelCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code sluice dev [--model FILE.gguf] [--port N] [--fresh] [--data-dir DIR] [--kafka HOST:PORT]}: every role in one process. */
public final class DevCommand {

    public static ConfigurableApplicationContext run(String[] args) {
        long t0 = System.nanoTime();
        Args a = Args.parse(args);
        Path dataDir = dataDir(a);
        // An external broker (./sluice broker, a cluster) replaces the embedded one.
        String kafka = option(a, "kafka", "SLUICE_KAFKA_BOOTSTRAP");
        if (kafka != null) KafkaAddress.check(kafka);
        // First, so no other stack runs on the directory while it is wiped or used, and before any
        // port is chosen: a Redis or PostgreSQL that a killed run left on it still holds its port,
        // and is stopped here.
        DataDirLock claim = DataDirLock.acquire(dataDir);
        // With a broker apart, kafka/ may be the running `sluice broker`'s log: not ours to wipe.
        // The lock file stays: deleting it would let another stack lock a new one beside ours.
        if (a.flag("fresh"))
            wipe(dataDir, dataDir.resolve(DataDirLock.FILE), kafka == null ? null : dataDir.resolve("kafka"));
        String redis = env("SLUICE_REDIS_URL");
        String db = env("SLUICE_DB_URL");
        DevStack.Ports ports = new DevStack.Ports(
                kafka == null ? DevPort.KAFKA.resolve(DevCommand::env, System.out::println) : 0,
                redis == null ? DevPort.REDIS.resolve(DevCommand::env, System.out::println) : 0,
                db == null ? DevPort.POSTGRES.resolve(DevCommand::env, System.out::println) : 0);
        Path nativeDir = dataDir.resolve("native");
        try {
            Files.createDirectories(nativeDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + nativeDir, e);
        }
        System.setProperty("de.kherud.llama.tmpdir", nativeDir.toString());
        QuietLogs.apply();
        String engineUrl = option(a, "engine-url", "SLUICE_ENGINE_URL");
        String model = option(a, "model", "SLUICE_MODEL");
        if (model == null && engineUrl == null)
            model = ModelDownloader.defaultModel().ensure(System.out).toString();
        DevStack stack = DevStack.start(claim, kafka, redis, db, ports, false);
        Map<String, Object> props = new HashMap<>(stack.properties());
        props.put("sluice.dev.enabled", "true");
        props.put("sluice.data-dir", dataDir.toString());
        if (engineUrl != null) {
            // A remote OpenAI-compatible server (vLLM, llama-server, ...) generates instead of a local GGUF.
            props.put("sluice.engine", "openai");
            props.put("sluice.engine.url", engineUrl);
            props.put("sluice.engine.model", a.get("engine-model", env("SLUICE_ENGINE_MODEL", "default")));
        } else {
            props.put("sluice.model", Path.of(model).toAbsolutePath().toString());
        }
        if (a.get("engine") != null) props.put("sluice.engine", a.get("engine"));
        props.put("server.port", a.get("port", env("SLUICE_PORT", "8080")));
        // Dev mode hands out tokens for any user (/dev/token): reachable from this machine only
        // unless --host / SLUICE_HOST says otherwise.
        String host = a.get("host", env("SLUICE_HOST", "127.0.0.1"));
        props.put("server.address", host);
        // Ready means a chat can be answered: the model must be announced (ModelHealthIndicator).
        props.put("management.endpoint.health.group.readiness.include", "readinessState,model");
        // The worker runs in its own supervised JVM unless --inline-worker: a native llama.cpp
        // crash then ends only the worker, which restarts and takes over its prompts.
        WorkerProcess worker = null;
        String workerPort = null;
        if (!a.flag("inline-worker")) {
            props.put("sluice.roles", "gateway,topology,persistence");
            Map<String, String> childProps = new HashMap<>();
            props.forEach((k, v) -> childProps.put(k, v.toString()));
            childProps.remove("sluice.roles");
            // The child runs `serve`, which refuses dev mode; a worker needs neither the dev key nor /dev/token.
            childProps.remove("sluice.dev.enabled");
            childProps.remove("management.endpoint.health.group.readiness.include");
            int port = Integer.parseInt(props.get("server.port").toString());
            // The next port unless --worker-port says otherwise; --port 0 (any free port, as the
            // browser tests ask) means any free port for the worker too.
            workerPort = a.get("worker-port", env("SLUICE_WORKER_PORT", String.valueOf(port == 0 ? 0 : port + 1)));
            childProps.put("server.port", workerPort);
            worker = new WorkerProcess(childProps, line -> System.out.println("[worker] " + line)).start();
        }
        // System properties outrank application.properties (defaults would not).
        props.forEach((k, v) -> System.setProperty(k, v.toString()));
        SpringApplication app = new SpringApplication(SluiceApplication.class);
        WorkerProcess child = worker;
        // The embedded infrastructure and the worker JVM stop after every bean is destroyed, never
        // before: registered first, this disposable is destroyed last. (Closed on ContextClosedEvent,
        // as it once was, the broker went away while the gateway's, topology's and sink's clients
        // were still closing, and each of them spent its close timeout reconnecting to nothing.)
        app.addInitializers(ctx -> ((DefaultSingletonBeanRegistry) ctx.getBeanFactory())
                .registerDisposableBean("sluiceDevInfrastructure", () -> {
                    if (child != null) child.close();
                    stack.close();
                }));
        ConfigurableApplicationContext context;
        try {
            context = app.run(a.rest());
        } catch (RuntimeException e) {
            if (worker != null) worker.close();
            stack.close();
            throw e;
        }
        ShutdownWatchdog.arm(context, ShutdownWatchdog.LIMIT);
        // Redis and PostgreSQL have no shutdown hook of their own here (it would stop them while
        // the application still uses them); should the context not finish closing, they are
        // stopped before the watchdog halts the JVM, so no database outlives it.
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform()
                        .name("sluice-dev-infrastructure-stop")
                        .unstarted(() -> {
                            ShutdownWatchdog.awaitClosed(context, ShutdownWatchdog.LIMIT.minus(Duration.ofSeconds(10)));
                            if (child != null) child.close();
                            stack.close();
                        }));
        awaitModel(context, Duration.ofMinutes(5));
        String port = context.getEnvironment()
                .getProperty("local.server.port", props.get("server.port").toString());
        String token = new DevTokens(DevKey.loadOrCreate(dataDir)).mint("dev", Duration.ofDays(30));
        String shown = "0.0.0.0".equals(host) || "::".equals(host)
                ? "localhost"
                : host.contains(":") ? "[" + host + "]" : host;
        String base = "http://" + shown + ":" + port;
        String metrics = worker == null
                ? base + "/actuator/prometheus (every role)"
                : base
                        + "/actuator/prometheus (gateway, topology, persistence); worker (token counters, batches): http://"
                        + shown + ":" + workerPort + "/actuator/prometheus";
        System.out.printf(
                "%n  Sluice is ready in %.1f s%n  URL:     %s/%n  Token:   %s%n  Try:     curl -N %s/v1/chat/completions -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' -d '{\"model\":\"%s\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Once upon a time\"}]}'%n  Metrics: %s%n  Infra:   %s%n%n",
                (System.nanoTime() - t0) / 1e9,
                base,
                token,
                base,
                context.getBean(ModelCatalog.class).all().iterator().next().id(),
                metrics,
                stack.properties());
        return context;
    }

    /** Ready means a worker has loaded and announced its model, not just that HTTP is up. */
    private static void awaitModel(ConfigurableApplicationContext context, Duration timeout) {
        ModelCatalog catalog = context.getBean(ModelCatalog.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (catalog.all().isEmpty()) {
            if (System.nanoTime() > deadline)
                throw new IllegalStateException("no worker announced its model within " + timeout.toSeconds()
                        + " s; see the [worker] lines above");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static Path dataDir(Args a) {
        return Path.of(a.get("data-dir", env("SLUICE_DATA_DIR", ".sluice")))
                .toAbsolutePath()
                .normalize();
    }

    /** The variable when set and not blank, else null. */
    static @Nullable String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v;
    }

    static String env(String name, String fallback) {
        String v = env(name);
        return v == null ? fallback : v;
    }

    /** {@code --name}, else the environment variable, else null. */
    private static @Nullable String option(Args a, String name, String variable) {
        String value = a.get(name);
        return value != null ? value : env(variable);
    }

    static void wipe(Path dataDir) {
        wipe(dataDir, null, null);
    }

    /** Deletes {@code dataDir} and everything in it, except {@code keep} (either may be null) and what is under them. */
    static void wipe(Path dataDir, @Nullable Path keep, @Nullable Path keepToo) {
        if (!Files.exists(dataDir)) return;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            walk.sorted(Comparator.reverseOrder())
                    .filter(p -> !kept(p, keep) && !kept(p, keepToo))
                    .forEach(p -> {
                        try {
                            Files.delete(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + dataDir, e);
        }
    }

    private static boolean kept(Path p, @Nullable Path keep) {
        return keep != null && (p.startsWith(keep) || keep.startsWith(p));
    }

    private DevCommand() {}
}
