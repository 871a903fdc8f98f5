package dev.sluice.topology.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.cache.CachedResponse;
import dev.sluice.schemas.metrics.MeterNames;
import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** The topology's cache lookup against a real Redis, including Redis going away. */
class RedisResponseCacheTest {
    private RedisServer server;
    private RedisClient client;
    private RedisResponseCache cache;
    private SimpleMeterRegistry meters;
    private RedisURI uri;
    private PortReservation port;

    @BeforeEach
    void start() throws Exception {
        // Redis cannot bind port 0 and report back: a reserved port, a new one if another process took it.
        server = LocalPorts.startWithRetry("Redis", () -> {
            port = LocalPorts.reserve();
            RedisServer s = RedisServer.newRedisServer()
                    .port(port.port())
                    .bind("127.0.0.1")
                    .build();
            try {
                s.start();
                return s;
            } catch (Exception e) {
                port.close();
                throw e;
            }
        });
        uri = RedisURI.create("redis://127.0.0.1:" + port.port());
        client = RedisClient.create(uri);
        meters = new SimpleMeterRegistry();
        cache = new RedisResponseCache(client, uri, Duration.ofMillis(50), meters);
    }

    @AfterEach
    void stop() throws Exception {
        cache.close();
        client.shutdown();
        server.stop();
        port.close();
    }

    /** The first lookup that did not fail: the cache connects in the background, slowly on a busy machine. */
    private Optional<CachedResponse> lookupOnceConnected(String key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            double errors =
                    meters.counter(MeterNames.CACHE_REQUESTS, "result", "error").count();
            Optional<CachedResponse> r = cache.lookup(key);
            if (meters.counter(MeterNames.CACHE_REQUESTS, "result", "error").count() == errors) return r;
            if (System.nanoTime() > deadline)
                throw new AssertionError("the cache did not connect to Redis within 30 s");
            Thread.sleep(20);
        }
    }

    @Test
    void readsTheAnswerThePersistenceRoleStored() throws Exception {
        try (var c = client.connect()) {
            c.sync()
                    .set(
                            "sluice:cache:k1",
                            "{\"content\":\"Hi there\",\"usage\":{\"promptTokens\":3,\"completionTokens\":2},\"model\":\"m\",\"finishReason\":\"stop\"}");
        }
        Optional<CachedResponse> hit = lookupOnceConnected("k1");

        assertThat(hit).isPresent();
        assertThat(hit.get().content()).isEqualTo("Hi there");
        assertThat(hit.get().usage().completionTokens()).isEqualTo(2);
        assertThat(meters.counter(MeterNames.CACHE_REQUESTS, "result", "hit").count())
                .isEqualTo(1);
    }

    @Test
    void anUnknownKeyIsAMiss() throws Exception {
        assertThat(lookupOnceConnected("nope")).isEmpty();
        assertThat(meters.counter(MeterNames.CACHE_REQUESTS, "result", "miss").count())
                .isEqualTo(1);
    }

    @Test
    void redisGoingAwayTurnsLookupsIntoCountedMisses() throws Exception {
        lookupOnceConnected("warm");
        server.stop();

        for (int i = 0; i < 20; i++) assertThat(cache.lookup("k" + i)).isEmpty();

        assertThat(meters.counter(MeterNames.CACHE_REQUESTS, "result", "error").count())
                .isGreaterThanOrEqualTo(20);
    }

    @Test
    void redisAbsentFromTheStartIsAMissNotAnException() {
        SimpleMeterRegistry m = new SimpleMeterRegistry();
        RedisURI nowhere = RedisURI.create("redis://127.0.0.1:1");
        try (RedisResponseCache absent = new RedisResponseCache(client, nowhere, Duration.ofMillis(50), m)) {
            assertThat(absent.lookup("k")).isEmpty();
            assertThat(absent.lookup("k")).isEmpty();
            assertThat(m.counter(MeterNames.CACHE_REQUESTS, "result", "error").count())
                    .isEqualTo(2);
        }
    }

    @Test
    void cachedAnswersReplayWordByWordWithoutLosingWhitespace() {
        assertThat(CachedReplay.pieces("Hello  there\nfriend")).containsExactly("Hello", "  there", "\nfriend");
        assertThat(String.join("", CachedReplay.pieces(" a b "))).isEqualTo(" a b ");
    }
}
