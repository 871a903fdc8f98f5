package dev.sluice.persistence.sink;

import dev.sluice.schemas.event.DeadLetter;
import dev.sluice.schemas.topic.Topics;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a {@link CompletionSink} puts the records it cannot store: {@code chat.deadletter}, with
 * the reason, the record's coordinates and its value (cut to {@link #VALUE_LIMIT} characters).
 * Each one is counted and logged; the sink waits for them ({@link #awaitAll}) before its offsets
 * move past their records.
 */
final class SinkDeadLetters implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SinkDeadLetters.class);
    private static final int VALUE_LIMIT = 64 * 1024;

    private final String sink;
    private final String groupId;
    private final Producer<String, DeadLetter> producer;
    private final Counter deadLettered;

    /** @param sink the sink's name, for the log; the producer is closed with this */
    SinkDeadLetters(String sink, String groupId, Producer<String, DeadLetter> producer, Counter deadLettered) {
        this.sink = sink;
        this.groupId = groupId;
        this.producer = producer;
        this.deadLettered = deadLettered;
    }

    Future<RecordMetadata> send(ConsumerRecord<String, byte[]> record, String reason) {
        deadLettered.increment();
        log.warn(
                "sink {}: {}-{}@{} goes to {}: {}",
                sink,
                record.topic(),
                record.partition(),
                record.offset(),
                Topics.DEAD_LETTER.name(),
                reason);
        String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        if (value != null && value.length() > VALUE_LIMIT) value = value.substring(0, VALUE_LIMIT);
        DeadLetter letter = new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                value,
                reason,
                groupId,
                System.currentTimeMillis());
        return producer.send(new ProducerRecord<>(Topics.DEAD_LETTER.name(), record.key(), letter));
    }

    /** Returns once every one of {@code sent} is in Kafka; throws if one could not be written. */
    void awaitAll(List<Future<RecordMetadata>> sent) throws InterruptedException {
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot write to " + Topics.DEAD_LETTER.name(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
