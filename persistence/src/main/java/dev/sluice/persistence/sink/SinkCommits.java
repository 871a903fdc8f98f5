package dev.sluice.persistence.sink;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink's offset commits: past written batches only, at most every {@link #COMMIT_EVERY_NANOS}.
 * After every poll it was one commit per 1-2 completions at 200 req/s. Asynchronous: the batches are
 * already durable, so the only cost of a lost or late commit is a replay of at most that window,
 * which the idempotent writers absorb; waiting would add a broker round trip to every batch.
 * Commits are sent in order; a revoked partition's offsets are committed synchronously, and the
 * sink's close commits its positions. Used by the sink's thread only.
 */
final class SinkCommits {
    private static final Logger log = LoggerFactory.getLogger(SinkCommits.class);
    static final long COMMIT_EVERY_NANOS = 100_000_000L;

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    private long lastCommitNanos;

    SinkCommits(String name, Consumer<String, byte[]> consumer) {
        this.name = name;
        this.consumer = consumer;
    }

    /** The batch is written: its offsets are committed now or with a later batch. */
    void written(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> part = records.records(tp);
            pending.put(tp, new OffsetAndMetadata(part.getLast().offset() + 1));
        }
        ifDue();
    }

    /** Commits what waits if the interval has passed (also after an empty poll, so an idle sink catches up). */
    void ifDue() {
        long now = System.nanoTime();
        if (pending.isEmpty() || now - lastCommitNanos < COMMIT_EVERY_NANOS) return;
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(pending);
        pending.clear();
        lastCommitNanos = now;
        consumer.commitAsync(offsets, (committed, error) -> {
            if (error != null)
                log.info("sink {}: offset commit failed ({}); the batch will be replayed", name, error.toString());
        });
    }

    /** A partition leaving this sink takes its written offsets with it, so its next owner does not replay them. */
    void revoked(Collection<TopicPartition> revoked) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : revoked) {
            OffsetAndMetadata o = pending.remove(tp);
            if (o != null) offsets.put(tp, o);
        }
        if (offsets.isEmpty()) return;
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.info("sink {}: offset commit on revocation failed ({}); its next owner replays", name, e.toString());
        }
    }
}
