package dev.sluice.persistence.testing;

import dev.sluice.embedded.EmbeddedRedis;
import io.lettuce.core.RedisClient;
import java.io.IOException;

/** Dev mode's Redis ({@link EmbeddedRedis}) in a temporary directory, keeping nothing on disk, with a client for it. */
public final class EmbeddedRedisServer implements AutoCloseable {
    private final EmbeddedRedis redis;
    private final RedisClient client;

    private EmbeddedRedisServer(EmbeddedRedis redis) {
        this.redis = redis;
        this.client = RedisClient.create(redis.url());
    }

    public static EmbeddedRedisServer start() throws Exception {
        return new EmbeddedRedisServer(EmbeddedRedis.startTemporary());
    }

    public RedisClient client() {
        return client;
    }

    @Override
    public void close() throws IOException {
        client.shutdown();
        redis.close();
    }
}
