package dev.sluice.worker.loop;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the committed offsets of {@code chat.prompts} past finished prompts. Commits are
 * asynchronous and at most every {@link #COMMIT_EVERY_NANOS}: a synchronous commit per answer
 * would stall the loop (and so every prompt waiting to start) for a broker round trip each time.
 * A crash between two commits replays at most that window's prompts, and takeover skips the ones
 * already answered. Revocation and close commit synchronously, so a partition moves with its
 * offsets. Used by the loop thread only.
 */
final class OffsetCommitter {
    private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);
    private static final long COMMIT_EVERY_NANOS = 100_000_000L;

    private final Consumer<String, byte[]> consumer;
    private final OffsetTracker offsets;
    private final Settlements settlements;
    private long lastCommitNanos;

    OffsetCommitter(Consumer<String, byte[]> consumer, OffsetTracker offsets, Settlements settlements) {
        this.consumer = consumer;
        this.offsets = offsets;
        this.settlements = settlements;
    }

    /** Takes in the prompts settled since the last call and commits what moved (now, if {@code sync}). */
    void drain(boolean sync) {
        ConsumerRecord<String, byte[]> r;
        while ((r = settlements.poll()) != null) {
            offsets.finished(new TopicPartition(r.topic(), r.partition()), r.offset());
        }
        long now = System.nanoTime();
        if (!sync && now - lastCommitNanos < COMMIT_EVERY_NANOS) return;
        var commit = offsets.committable();
        if (commit.isEmpty()) return;
        lastCommitNanos = now;
        if (sync) {
            try {
                consumer.commitSync(commit, Duration.ofSeconds(10));
                offsets.markCommitted(commit);
            } catch (RuntimeException e) {
                log.warn("offset commit failed: {}", e.toString());
            }
            return;
        }
        consumer.commitAsync(commit, (done, e) -> {
            if (e == null) offsets.markCommitted(done);
            else log.warn("offset commit failed, will retry: {}", e.toString());
        });
    }
}
