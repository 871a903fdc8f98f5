package dev.sluice.gateway.ratelimit;

import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges each finished response's real usage (prompt + completion tokens, as the engine
 * counted them) to its user's token budget. All gateways share one consumer group, so each
 * completion is charged once however many gateways run; delivery is at least once, so a
 * rebalance can charge a completion twice (in the user's disfavour, for at most a minute).
 *
 * <p>A new group starts at the end of the topic and records older than {@link #MAX_AGE} are
 * skipped: usage from before the current minute no longer counts against a per-minute budget.
 * Cache hits are not charged: no engine ran.
 */
public final class UsageMeter implements AutoCloseable {
    public static final String GROUP = "sluice-gateway-usage";
    static final Duration MAX_AGE = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(UsageMeter.class);

    private final KafkaConsumer<String, CompletionRecorded> consumer;
    private final RateLimiter limiter;
    private volatile boolean running = true;
    private Thread thread;

    public UsageMeter(String bootstrap, String instanceId, RateLimiter limiter) {
        Properties props = KafkaClients.consumer(bootstrap, GROUP, "sluice-gateway-usage-" + instanceId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // Usage may arrive a little late; polling every 10 ms (the chat-path default) would
        // cost broker and gateway CPU around the clock for nothing.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), Topics.CHAT_COMPLETIONS.valueSerde().deserializer());
        this.limiter = limiter;
    }

    public UsageMeter start() {
        consumer.subscribe(List.of(Topics.CHAT_COMPLETIONS.name()));
        thread = Thread.ofPlatform().name("sluice-usage-meter").daemon().start(this::run);
        return this;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, CompletionRecorded> records = consumer.poll(Duration.ofMillis(500));
                long oldest = System.currentTimeMillis() - MAX_AGE.toMillis();
                for (ConsumerRecord<String, CompletionRecorded> r : records) {
                    CompletionRecorded c = r.value();
                    if (c == null || c.cached() || c.usage() == null || r.timestamp() < oldest) continue;
                    if (!limiter.charge(c.userId(), c.usage().totalTokens())) {
                        log.debug("usage of {} not charged (Redis unavailable)", c.correlationId());
                    }
                }
                if (!records.isEmpty()) consumer.commitAsync();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("usage meter stopped: {}; token budgets are no longer charged on this instance", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
