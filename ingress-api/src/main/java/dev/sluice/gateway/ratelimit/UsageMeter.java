package dev.sluice.gateway.ratelimit;

import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.lifecycle.BackgroundLoop;
import dev.sluice.schemas.lifecycle.LoopsReport;
import dev.sluice.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles each finished response's token reservation to its real usage (prompt + completion
 * tokens, as the engine counted them): the unused part of {@code max_tokens} goes back to its
 * user's budget. All gateways share one consumer group, so each completion is settled once
 * however many gateways run; a completion delivered twice (a rebalance) finds its reservation
 * already settled and moves nothing.
 *
 * <p>A new group starts at the end of the topic and records older than {@link #MAX_AGE} are
 * skipped: usage from before the current minute no longer counts against a per-minute budget.
 * A cache hit ran no engine: its whole reservation is refunded. A response that ends without a
 * completion (blocked, failed, cancelled before any token) keeps its reservation for a minute.
 */
public final class UsageMeter implements AutoCloseable, LoopsReport {
    public static final String GROUP = "sluice-gateway-usage";
    static final Duration MAX_AGE = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(UsageMeter.class);

    private final KafkaConsumer<String, CompletionRecorded> consumer;
    private final RateLimiter limiter;
    private final BackgroundLoop loop;
    /** Offsets are committed at most this often (see pollOnce); touched by the loop thread only. */
    private static final long COMMIT_EVERY_NANOS = 100_000_000L;

    private boolean uncommitted;
    private long lastCommitNanos;

    public UsageMeter(String bootstrap, String instanceId, RateLimiter limiter) {
        Properties props = KafkaClients.consumer(bootstrap, GROUP, "sluice-gateway-usage-" + instanceId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // Usage may arrive a little late; polling every 10 ms (the chat-path default) would
        // cost broker and gateway CPU around the clock for nothing.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(
                props,
                new StringDeserializer(),
                Topics.CHAT_COMPLETIONS.valueSerde().deserializer());
        this.limiter = limiter;
        this.loop = new BackgroundLoop(
                "sluice-usage-meter",
                "token reservations are no longer settled on this instance",
                this::pollOnce,
                () -> consumer.close(Duration.ofSeconds(2)));
    }

    public UsageMeter start() {
        consumer.subscribe(List.of(Topics.CHAT_COMPLETIONS.name()));
        loop.start();
        return this;
    }

    private void pollOnce() {
        ConsumerRecords<String, CompletionRecorded> records;
        try {
            records = consumer.poll(Duration.ofMillis(500));
        } catch (RecordDeserializationException e) {
            // A record no one can read costs its user nothing; it must not stop the budget for everyone.
            log.warn("usage meter skips unreadable {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return;
        }
        long oldest = System.currentTimeMillis() - MAX_AGE.toMillis();
        for (ConsumerRecord<String, CompletionRecorded> r : records) {
            CompletionRecorded c = r.value();
            if (c == null || c.userId() == null || c.correlationId() == null || r.timestamp() < oldest) continue;
            long used = c.cached() || c.usage() == null ? 0 : c.usage().totalTokens();
            if (limiter.settle(c.userId(), c.correlationId(), used) == null) {
                log.debug("usage of {} not settled (Redis unavailable)", c.correlationId());
            }
        }
        // Paced like the worker's commits: after every poll it was one commit per 1-2 requests at
        // 200 req/s. A crash replays at most the window, and settling a reservation twice is a no-op.
        uncommitted |= !records.isEmpty();
        long now = System.nanoTime();
        if (uncommitted && now - lastCommitNanos >= COMMIT_EVERY_NANOS) {
            consumer.commitAsync();
            uncommitted = false;
            lastCommitNanos = now;
        }
    }

    /** False once its loop stopped (it logged why): budgets are then never refunded on this instance. */
    public boolean alive() {
        return loop.alive();
    }

    @Override
    public Map<String, Boolean> loops() {
        return Map.of("usage-meter", alive());
    }

    @Override
    public void close() {
        loop.stop();
        consumer.wakeup();
    }
}
