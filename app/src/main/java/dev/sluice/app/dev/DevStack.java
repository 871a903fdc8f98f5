package dev.sluice.app.dev;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The infrastructure of dev mode: a KRaft broker, Redis and PostgreSQL, each started only
 * when no external address is configured for it, in parallel, with data under the data dir.
 */
public final class DevStack implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();

    /** @param external the addresses already configured (SLUICE_KAFKA_BOOTSTRAP etc.); null = start one */
    public static DevStack start(Path dataDir, String kafka, String redis, String db) {
        DevStack stack = new DevStack();
        // Threads made here inherit this thread's context class loader (Spring Boot's jar
        // loader); the common ForkJoinPool's do not, and Kafka loads config classes through it.
        ExecutorService pool = Executors.newFixedThreadPool(3, Thread.ofPlatform().name("sluice-dev-start-", 0).factory());
        CompletableFuture<EmbeddedKafka> k = kafka != null ? null
                : CompletableFuture.supplyAsync(() -> new EmbeddedKafka(dataDir.resolve("kafka"), preferred(19092)).start(), pool);
        CompletableFuture<EmbeddedRedis> r = redis != null ? null
                : CompletableFuture.supplyAsync(() -> new EmbeddedRedis(dataDir.resolve("redis"), preferred(16379)).start(), pool);
        CompletableFuture<EmbeddedPostgresServer> p = db != null ? null
                : CompletableFuture.supplyAsync(() -> new EmbeddedPostgresServer(dataDir.resolve("postgres"), preferred(15432)).start(), pool);
        try {
            stack.properties.put("sluice.kafka.bootstrap", k == null ? kafka : stack.keep(k.join()).bootstrap());
            stack.properties.put("sluice.redis.url", r == null ? redis : stack.keep(r.join()).url());
            stack.properties.put("sluice.db.url", p == null ? db : stack.keep(p.join()).jdbcUrl());
        } catch (RuntimeException e) {
            stack.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(cause.getMessage(), cause);
        } finally {
            pool.shutdown();
        }
        return stack;
    }

    private static int preferred(int port) {
        return FreePorts.isFree(port) ? port : 0;
    }

    private <T extends AutoCloseable> T keep(T server) {
        started.add(server);
        return server;
    }

    /** Spring properties pointing every role at this stack. */
    public Map<String, String> properties() {
        return Map.copyOf(properties);
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // best effort on the way down
            }
        }
        started.clear();
    }
}
