package dev.sluice.persistence.sink;

import java.time.Duration;

/**
 * How a {@link CompletionSink} consumes.
 *
 * @param groupId          its own consumer group, so it reads at its own pace and a slow store
 *                         never holds back another consumer of {@code chat.completions}
 * @param maxPollRecords   the largest batch written in one transaction
 * @param initialBackoff   first wait after a failed write; doubles up to {@code maxBackoff}, which
 *                         must stay well under {@code max.poll.interval.ms} (5 min)
 * @param isolatedAttempts how many times a record the store refuses is written alone before it is
 *                         dead-lettered; the attempts are {@code initialBackoff} apart
 * @param batchWait        how long the broker holds the sink's fetch to gather completions into one
 *                         batch (at most this much later in the store); zero: each fetch is answered
 *                         at the first completion, so at tens of chats a second nearly every
 *                         completion is a transaction of its own
 */
public record SinkSettings(
        String bootstrap,
        String groupId,
        int maxPollRecords,
        Duration initialBackoff,
        Duration maxBackoff,
        int isolatedAttempts,
        Duration batchWait) {

    /** Three attempts: enough for a lock or serialization conflict to clear, few enough to move on at once. */
    public static final int DEFAULT_ISOLATED_ATTEMPTS = 3;

    /**
     * 100 ms: a sink then writes at most about ten batches a second whatever the chat rate, where it
     * wrote one per completion at 50 chats a second (bench/results/sink-batching.md); a completion
     * reaches PostgreSQL and Redis at most that much later, inside the history's 1 s goal.
     */
    public static final Duration DEFAULT_BATCH_WAIT = Duration.ofMillis(100);

    public SinkSettings {
        if (batchWait.isNegative() || batchWait.compareTo(Duration.ofSeconds(5)) > 0)
            throw new IllegalArgumentException("batch wait must be between 0 and 5 s, not " + batchWait);
    }

    public SinkSettings(
            String bootstrap, String groupId, int maxPollRecords, Duration initialBackoff, Duration maxBackoff) {
        this(bootstrap, groupId, maxPollRecords, initialBackoff, maxBackoff, DEFAULT_ISOLATED_ATTEMPTS, Duration.ZERO);
    }

    public static SinkSettings defaults(String bootstrap, String groupId) {
        return defaults(bootstrap, groupId, DEFAULT_BATCH_WAIT);
    }

    public static SinkSettings defaults(String bootstrap, String groupId, Duration batchWait) {
        // 5,000: a backlog drains in few transactions (each costs round trips and an fsync).
        return new SinkSettings(
                bootstrap,
                groupId,
                5000,
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                DEFAULT_ISOLATED_ATTEMPTS,
                batchWait);
    }
}
