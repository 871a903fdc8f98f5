package dev.sluice.app.dev;

import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/** Redis from the embedded binary, persisting to the dev data directory (AOF). */
public final class EmbeddedRedis implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private RedisServer server;

    public EmbeddedRedis(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port == 0 ? FreePorts.pick() : port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public EmbeddedRedis start() {
        try {
            Files.createDirectories(dataDir);
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dataDir.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("save \"\"")
                    .setting("maxmemory 256mb")
                    .setting("maxmemory-policy allkeys-lru")
                    .build();
            server.start();
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start embedded Redis on port " + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // shutting down anyway
            }
            server = null;
        }
    }
}
