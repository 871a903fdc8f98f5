package dev.sluice.embedded;

import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortInUseException;
import dev.sluice.schemas.net.PortReservation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * Redis from the embedded binary, persisting to the dev data directory (AOF), or, for tests and
 * benchmarks ({@link #startTemporary()}), keeping nothing on disk. Redis cannot bind
 * port 0 and report back (0 turns TCP off), so port 0 means a {@link LocalPorts} reservation,
 * held for this object's life so a stopped Redis can come back on the same port.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private final Path dataDir;
    private final int requestedPort;
    private boolean durable = true;
    private boolean deleteOnClose;
    private @Nullable PortReservation reservation;
    private int port;
    private @Nullable RedisServer server;

    /** @param port the port to bind; 0 picks a free one ({@link #url()} tells which once started) */
    public EmbeddedRedis(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.requestedPort = port;
        this.port = port;
    }

    /** Redis on any free port, persisting nothing, in a temporary directory deleted on close. */
    public static EmbeddedRedis startTemporary() {
        try {
            EmbeddedRedis redis = new EmbeddedRedis(Files.createTempDirectory("sluice-redis-"), 0);
            redis.durable = false;
            redis.deleteOnClose = true;
            return redis.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a directory for a temporary Redis", e);
        }
    }

    /** The Redis URL; valid once started. */
    public String url() {
        if (port == 0) throw new IllegalStateException("embedded Redis in " + dataDir + " has not started");
        return "redis://127.0.0.1:" + port;
    }

    public EmbeddedRedis start() {
        try {
            Files.createDirectories(dataDir);
            if (port != 0) {
                server = LocalPorts.startRetryingBusyExec("embedded Redis", () -> launch(port));
            } else {
                LocalPorts.Reserved<RedisServer> started =
                        LocalPorts.startOnReservedPort("embedded Redis", this::launch);
                server = started.server();
                reservation = started.reservation();
                port = started.port();
            }
            return this;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot start embedded Redis on port " + (port == 0 ? "(any)" : port) + ": " + e.getMessage(), e);
        }
    }

    private RedisServer launch(int on) throws Exception {
        RedisServer s = RedisServer.newRedisServer()
                .port(on)
                .bind("127.0.0.1")
                .setting("dir " + dataDir.toAbsolutePath())
                .setting(durable ? "appendonly yes" : "appendonly no")
                .setting("save \"\"")
                .setting("maxmemory 256mb")
                .setting("maxmemory-policy allkeys-lru")
                .build();
        try {
            s.start();
            return s;
        } catch (Exception e) {
            stopQuietly(s);
            if (!LocalPorts.canBind(on)) throw new PortInUseException(on, "Redis", e);
            throw e;
        }
    }

    /** Stops Redis, keeping its port, so {@link #start()} brings it back where clients look for it. */
    public void stop() {
        if (server != null) {
            stopQuietly(server);
            server = null;
        }
    }

    private static void stopQuietly(RedisServer s) {
        try {
            s.stop();
        } catch (Exception ignored) {
            // shutting down anyway
        }
    }

    @Override
    public void close() {
        stop();
        if (reservation != null) {
            reservation.close();
            reservation = null;
        }
        port = requestedPort;
        if (deleteOnClose) Directories.deleteRecursively(dataDir);
    }
}
