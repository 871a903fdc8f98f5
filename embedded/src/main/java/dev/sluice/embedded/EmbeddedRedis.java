package dev.sluice.embedded;

import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortInUseException;
import dev.sluice.schemas.net.PortReservation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    private boolean stopWithJvm = true;
    private @Nullable Thread jvmHook;
    private volatile @Nullable RedisProcess server;

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

    /**
     * Whether Redis stops by itself when this JVM shuts down (the default, so a test that never
     * closes it leaves no process behind). Dev mode turns it off and stops Redis after every
     * client has closed: a JVM's shutdown hooks run at the same time, so a hook of its own would
     * stop Redis while the application is still using it.
     */
    public EmbeddedRedis stopWithJvm(boolean stop) {
        this.stopWithJvm = stop;
        return this;
    }

    private Path pidFile() {
        return dataDir.toAbsolutePath().resolve("redis.pid");
    }

    /**
     * Stops a Redis that a process which ended without stopping it left running on this data
     * directory (SIGTERM: it writes its append-only file first). Only for the directory's owner.
     */
    public void stopLeftover() {
        LeftoverServer.find(pidFile(), dataDir, command -> command.contains("redis-server"))
                .ifPresent(h -> {
                    h.destroy();
                    LeftoverServer.awaitEnd(h, "Redis", 15);
                    LeftoverServer.stopped("Redis", h);
                });
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
                LocalPorts.Reserved<RedisProcess> started =
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

    private RedisProcess launch(int on) throws Exception {
        List<String> args = RedisServer.newRedisServer()
                .port(on)
                .bind("127.0.0.1")
                .setting("dir " + dataDir.toAbsolutePath())
                .setting(durable ? "appendonly yes" : "appendonly no")
                .setting("save \"\"")
                .setting("maxmemory 256mb")
                .setting("maxmemory-policy allkeys-lru")
                .setting("pidfile " + pidFile())
                .buildCommandArgs();
        try {
            RedisProcess started = RedisProcess.start(args);
            if (stopWithJvm && jvmHook == null) {
                Thread hook = Thread.ofPlatform().name("sluice-redis-stop").unstarted(this::stopAtExit);
                Runtime.getRuntime().addShutdownHook(hook);
                jvmHook = hook;
            }
            return started;
        } catch (Exception e) {
            if (!LocalPorts.canBind(on)) throw new PortInUseException(on, "Redis", e);
            throw e;
        }
    }

    private void stopAtExit() {
        RedisProcess s = server;
        if (s != null) s.stop();
    }

    /** The redis-server process id; valid while started. */
    public long pid() {
        RedisProcess s = server;
        if (s == null) throw new IllegalStateException("embedded Redis in " + dataDir + " is not running");
        return s.pid();
    }

    /** Stops Redis, keeping its port, so {@link #start()} brings it back where clients look for it. */
    public void stop() {
        RedisProcess s = server;
        if (s != null) {
            s.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
        Thread hook = jvmHook;
        if (hook != null) {
            jvmHook = null;
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping; the hook finds Redis stopped
            }
        }
        if (reservation != null) {
            reservation.close();
            reservation = null;
        }
        port = requestedPort;
        if (deleteOnClose) Directories.deleteRecursively(dataDir);
    }
}
