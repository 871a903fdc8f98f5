package dev.sluice.app.dev;

import dev.sluice.embedded.EmbeddedKafka;
import dev.sluice.embedded.EmbeddedPostgresServer;
import dev.sluice.embedded.EmbeddedRedis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The infrastructure of dev mode: a KRaft broker, Redis and PostgreSQL, each started only
 * when no external address is configured for it, in parallel, with data under the data dir.
 */
public final class DevStack implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private @Nullable DataDirLock claim;

    /** Ports for the embedded servers; 0 = any free one. */
    public record Ports(int kafka, int redis, int db) {
        /** What tests and benchmarks use: nothing fixed, so they never meet a dev stack or each other. */
        public static final Ports ANY = new Ports(0, 0, 0);
    }

    /**
     * On free ports, Redis and PostgreSQL stopping with the JVM at the latest (tests and benchmarks);
     * see {@link #start(Path, String, String, String, Ports, boolean)}.
     */
    public static DevStack start(Path dataDir, @Nullable String kafka, @Nullable String redis, @Nullable String db) {
        return start(DataDirLock.acquire(dataDir), kafka, redis, db, Ports.ANY, true);
    }

    /**
     * @param claim the data directory, locked ({@link DataDirLock#acquire}); released by {@link #close()}
     * @param kafka the addresses already configured (SLUICE_KAFKA_BOOTSTRAP etc., {@code --kafka}); null = start one
     * @param ports where the embedded ones listen
     * @param stopWithJvm false: Redis and PostgreSQL run until {@link #close()} and nothing else
     *     stops them, not even the JVM's shutdown (whose hooks run at the same time as the one that
     *     closes the application), and Redis is out of reach of a terminal's Ctrl-C; the caller
     *     closes this stack after every client of it, as dev mode does
     */
    public static DevStack start(
            DataDirLock claim,
            @Nullable String kafka,
            @Nullable String redis,
            @Nullable String db,
            Ports ports,
            boolean stopWithJvm) {
        Path dataDir = claim.dir();
        DevStack stack = new DevStack();
        stack.claim = claim;
        // Threads made here inherit this thread's context class loader (Spring Boot's jar
        // loader); the common ForkJoinPool's do not, and Kafka loads config classes through it.
        ExecutorService pool = Executors.newFixedThreadPool(
                3, Thread.ofPlatform().name("sluice-dev-start-", 0).factory());
        CompletableFuture<EmbeddedKafka> k = kafka != null
                ? null
                : CompletableFuture.supplyAsync(
                        () -> new EmbeddedKafka(dataDir.resolve("kafka"), ports.kafka()).start(), pool);
        CompletableFuture<EmbeddedRedis> r = redis != null
                ? null
                : CompletableFuture.supplyAsync(
                        () -> new EmbeddedRedis(dataDir.resolve("redis"), ports.redis())
                                .stopWithJvm(stopWithJvm)
                                .start(),
                        pool);
        CompletableFuture<EmbeddedPostgresServer> p = db != null
                ? null
                : CompletableFuture.supplyAsync(
                        () -> new EmbeddedPostgresServer(dataDir.resolve("postgres"), ports.db())
                                .stopWithJvm(stopWithJvm)
                                .start(),
                        pool);
        try {
            // Every start is waited for before anything is judged: one failing must not leave
            // another's Redis or PostgreSQL process running behind a dead JVM.
            CompletableFuture.allOf(Stream.of(k, r, p).filter(Objects::nonNull).toArray(CompletableFuture[]::new))
                    .exceptionally(e -> null)
                    .join();
            stack.properties.put(
                    "sluice.kafka.bootstrap", k == null ? kafka : stack.keep(k).bootstrap());
            stack.properties.put(
                    "sluice.redis.url", r == null ? redis : stack.keep(r).url());
            stack.properties.put("sluice.db.url", p == null ? db : stack.keep(p).jdbcUrl());
        } catch (RuntimeException e) {
            Stream.of(k, r, p)
                    .filter(f -> f != null && !f.isCompletedExceptionally())
                    .forEach(f -> stack.keep(f));
            stack.close();
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(cause.getMessage(), cause);
        } finally {
            pool.shutdown();
        }
        return stack;
    }

    /** Joins a finished start and keeps what it started, once, for {@link #close()}. */
    private <T extends AutoCloseable> T keep(CompletableFuture<T> start) {
        T server = start.join();
        if (!started.contains(server)) started.add(server);
        return server;
    }

    /** Spring properties pointing every role at this stack. */
    public Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // best effort on the way down
            }
        }
        started.clear();
        // Last: the directory is free once nothing of this stack runs on it any more.
        DataDirLock c = claim;
        if (c != null) c.close();
    }
}
