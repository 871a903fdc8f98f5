package dev.sluice.bridge.registry;

import dev.sluice.bridge.Claim;
import dev.sluice.bridge.RegistryUnavailableException;
import dev.sluice.bridge.StreamTicket;
import dev.sluice.schemas.serde.Json;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream ownership and attachment in Redis, shared by every gateway instance.
 *
 * <ul>
 *   <li>{@code sluice:stream:<id>} holds the {@link StreamTicket}, written with SET NX so an id
 *       names exactly one response, and expiring with the resume window.</li>
 *   <li>{@code sluice:stream:<id>:live} counts open connections to the response on all
 *       instances; {@code sluice:stream:<id>:gen} counts every attach ever made. A dropped
 *       connection is abandoned when, after the grace period, nothing is live and no attach
 *       happened since it dropped (the generation is unchanged).</li>
 * </ul>
 *
 * <p>Every Redis failure is answered conservatively: accepting still works ({@link Claim#UNVERIFIED}),
 * ownership checks fail closed (not found), attachment reads report "unknown".
 */
public final class StreamRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamRegistry.class);
    private static final String PREFIX = "sluice:stream:";
    private static final Duration PIPELINE_BOUND = Duration.ofSeconds(5);

    private final RedisClient client;
    private final Duration window;
    private volatile @Nullable StatefulRedisConnection<String, String> connection;

    public StreamRegistry(RedisClient client, Duration window) {
        this.client = client;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    public Claim claim(String correlationId, StreamTicket ticket) {
        try {
            String ok = redis().set(
                            PREFIX + correlationId,
                            Json.MAPPER.writeValueAsString(ticket),
                            SetArgs.Builder.nx().px(window.toMillis()));
            return "OK".equals(ok) ? Claim.CLAIMED : Claim.TAKEN;
        } catch (RuntimeException e) {
            log.warn("stream registry unavailable, accepting {} without resume: {}", correlationId, e.toString());
            return Claim.UNVERIFIED;
        }
    }

    /** Frees an id whose request never reached Kafka, so the client may retry with it. */
    public void release(String correlationId) {
        try {
            redis().del(PREFIX + correlationId);
        } catch (RuntimeException e) {
            log.warn("could not release stream id {}: {}", correlationId, e.toString());
        }
    }

    /**
     * The ticket if {@code user} owns the response; empty when unknown, expired or someone
     * else's. When Redis cannot answer, access is refused with {@link RegistryUnavailableException}
     * (a retryable 503), never reported as "no such stream".
     */
    public Optional<StreamTicket> owned(String correlationId, String user) {
        String json;
        try {
            json = redis().get(PREFIX + correlationId);
        } catch (RuntimeException e) {
            log.warn("stream registry unavailable, refusing access to {}: {}", correlationId, e.toString());
            throw new RegistryUnavailableException(correlationId, e);
        }
        if (json == null) return Optional.empty();
        StreamTicket ticket;
        try {
            ticket = Json.MAPPER.readValue(json, StreamTicket.class);
        } catch (RuntimeException e) {
            log.warn("unreadable stream ticket for {}, refusing access: {}", correlationId, e.toString());
            return Optional.empty();
        }
        return ticket.user().equals(user) ? Optional.of(ticket) : Optional.empty();
    }

    /** Records a connection to the response; returns the new attach generation, or -1 if Redis is down. */
    public long attach(String correlationId) {
        try {
            // Pipelined: one round trip, not four, on the path of every new connection.
            RedisAsyncCommands<String, String> r = async();
            RedisFuture<Long> live = r.incr(PREFIX + correlationId + ":live");
            RedisFuture<Boolean> liveTtl = r.pexpire(PREFIX + correlationId + ":live", window.toMillis());
            RedisFuture<Long> gen = r.incr(PREFIX + correlationId + ":gen");
            RedisFuture<Boolean> genTtl = r.pexpire(PREFIX + correlationId + ":gen", window.toMillis());
            await(live, liveTtl, gen, genTtl);
            return gen.get();
        } catch (RuntimeException | InterruptedException | ExecutionException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            log.warn("stream registry unavailable, attach of {} not recorded: {}", correlationId, e.toString());
            return -1;
        }
    }

    /** Records a connection ending; returns the attach generation seen now, or -1 if Redis is down. */
    public long detach(String correlationId) {
        try {
            RedisAsyncCommands<String, String> r = async();
            RedisFuture<Long> live = r.decr(PREFIX + correlationId + ":live");
            RedisFuture<String> gen = r.get(PREFIX + correlationId + ":gen");
            await(live, gen);
            return gen.get() == null ? -1 : Long.parseLong(gen.get());
        } catch (RuntimeException | InterruptedException | ExecutionException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            log.warn("stream registry unavailable, detach of {} not recorded: {}", correlationId, e.toString());
            return -1;
        }
    }

    /**
     * Whether a response whose connection dropped at generation {@code genAtDetach} is still
     * abandoned: nothing live and nobody attached since. Null when Redis cannot tell.
     */
    public @Nullable Boolean abandoned(String correlationId, long genAtDetach) {
        try {
            RedisCommands<String, String> r = redis();
            String live = r.get(PREFIX + correlationId + ":live");
            String gen = r.get(PREFIX + correlationId + ":gen");
            boolean nobodyLive = live == null || Long.parseLong(live) <= 0;
            boolean noNewAttach = gen == null || Long.parseLong(gen) == genAtDetach;
            return nobodyLive && noNewAttach;
        } catch (RuntimeException e) {
            log.warn(
                    "stream registry unavailable, cannot tell whether {} was re-attached: {}",
                    correlationId,
                    e.toString());
            return null;
        }
    }

    private RedisAsyncCommands<String, String> async() {
        redis();
        return Objects.requireNonNull(connection).async();
    }

    /**
     * Waits for pipelined commands. Each already fails after the client's command timeout; this
     * bound only guards against a client configured without one.
     */
    private static void await(RedisFuture<?>... futures) {
        if (!LettuceFutures.awaitAll(PIPELINE_BOUND, futures)) {
            throw new RedisCommandTimeoutException("pipelined commands timed out after " + PIPELINE_BOUND);
        }
    }

    /** Connects on first use and keeps the connection; Lettuce reconnects it by itself afterwards. */
    private RedisCommands<String, String> redis() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            synchronized (this) {
                c = connection;
                if (c == null) {
                    c = client.connect();
                    connection = c;
                }
            }
        }
        return c.sync();
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) c.close();
    }
}
