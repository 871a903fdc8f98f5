package dev.sluice.persistence.testing;

import io.lettuce.core.RedisClient;
import java.io.IOException;
import redis.embedded.RedisServer;

/** A Redis server process on a free loopback port, with a client for it. */
public final class EmbeddedRedisServer implements AutoCloseable {
    private final RedisServer server;
    private final RedisClient client;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.client = RedisClient.create("redis://127.0.0.1:" + port);
    }

    public static EmbeddedRedisServer start() throws IOException {
        int port = EmbeddedKafka.freePort();
        RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
        server.start();
        return new EmbeddedRedisServer(server, port);
    }

    public RedisClient client() {
        return client;
    }

    @Override
    public void close() throws IOException {
        client.shutdown();
        server.stop();
    }
}
