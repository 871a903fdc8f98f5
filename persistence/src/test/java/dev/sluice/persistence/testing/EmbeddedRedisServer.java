package dev.sluice.persistence.testing;

import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import io.lettuce.core.RedisClient;
import java.io.IOException;
import redis.embedded.RedisServer;

/**
 * A Redis server process on a reserved loopback port ({@link LocalPorts}: Redis cannot bind
 * port 0 and report back), with a client for it.
 */
public final class EmbeddedRedisServer implements AutoCloseable {
    private final RedisServer server;
    private final PortReservation port;
    private final RedisClient client;

    private EmbeddedRedisServer(RedisServer server, PortReservation port) {
        this.server = server;
        this.port = port;
        this.client = RedisClient.create("redis://127.0.0.1:" + port.port());
    }

    public static EmbeddedRedisServer start() throws Exception {
        return LocalPorts.startWithRetry("test Redis", () -> {
            PortReservation port = LocalPorts.reserve();
            RedisServer server = RedisServer.newRedisServer().port(port.port()).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            try {
                server.start();
                return new EmbeddedRedisServer(server, port);
            } catch (IOException | RuntimeException e) {
                port.close();
                throw e;
            }
        });
    }

    public RedisClient client() {
        return client;
    }

    @Override
    public void close() throws IOException {
        client.shutdown();
        server.stop();
        port.close();
    }
}
