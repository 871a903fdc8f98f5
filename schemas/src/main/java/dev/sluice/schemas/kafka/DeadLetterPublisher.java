package dev.sluice.schemas.kafka;

import dev.sluice.schemas.event.DeadLetter;
import dev.sluice.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record no consumer could process to {@code chat.deadletter} with where it came from
 * and why, so its partition moves on and an operator can inspect or replay it.
 *
 * <p>A record of {@code chat.requests} is raw, unmasked user input: its dead letter keeps only
 * the coordinates, key and reason, never the value, so nothing raw reaches a topic kept 30 days.
 * The record itself can still be read at those coordinates while {@code chat.requests} keeps it
 * (24 h, restricted). Callers pass reasons built by {@link FailureReasons}, which quote no content.
 */
public final class DeadLetterPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final int MAX_VALUE_CHARS = 64 * 1024;

    private final Producer<String, DeadLetter> producer;
    private final String consumer;

    public DeadLetterPublisher(String bootstrap, String consumer) {
        this(
                new KafkaProducer<>(
                        KafkaClients.producer(bootstrap, "sluice-dlq-" + consumer),
                        new StringSerializer(),
                        Topics.DEAD_LETTER.valueSerde().serializer()),
                consumer);
    }

    /** Over a given producer (a test's {@code MockProducer}); closing this closes it. */
    public DeadLetterPublisher(Producer<String, DeadLetter> producer, String consumer) {
        this.producer = producer;
        this.consumer = consumer;
    }

    public void publish(
            String topic, int partition, long offset, byte @Nullable [] key, byte @Nullable [] value, String reason) {
        publish(topic, partition, offset, key, value, reason, e -> {});
    }

    /**
     * Publishes and calls {@code done} once Kafka acknowledged it (with null) or it failed (with
     * the cause): a consumer must not commit past the record before, or a failed dead letter
     * loses the record.
     */
    public void publish(
            String topic,
            int partition,
            long offset,
            byte @Nullable [] key,
            byte @Nullable [] value,
            String reason,
            java.util.function.Consumer<@Nullable Exception> done) {
        String k = key == null ? "" : new String(key, StandardCharsets.UTF_8);
        String v = value == null || Topics.CHAT_REQUESTS.name().equals(topic)
                ? ""
                : new String(value, StandardCharsets.UTF_8);
        if (v.length() > MAX_VALUE_CHARS) v = v.substring(0, MAX_VALUE_CHARS);
        log.warn("dead-lettering {}-{}@{}: {}", topic, partition, offset, reason);
        DeadLetter letter =
                new DeadLetter(topic, partition, offset, k, v, reason, consumer, System.currentTimeMillis());
        producer.send(new ProducerRecord<>(Topics.DEAD_LETTER.name(), k, letter), (md, e) -> {
            if (e != null) log.error("could not dead-letter {}-{}@{}: {}", topic, partition, offset, e.toString());
            done.accept(e);
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
