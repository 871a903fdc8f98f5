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
 */
public record SinkSettings(
        String bootstrap,
        String groupId,
        int maxPollRecords,
        Duration initialBackoff,
        Duration maxBackoff,
        int isolatedAttempts) {

    /** Three attempts: enough for a lock or serialization conflict to clear, few enough to move on at once. */
    public static final int DEFAULT_ISOLATED_ATTEMPTS = 3;

    public SinkSettings(
            String bootstrap, String groupId, int maxPollRecords, Duration initialBackoff, Duration maxBackoff) {
        this(bootstrap, groupId, maxPollRecords, initialBackoff, maxBackoff, DEFAULT_ISOLATED_ATTEMPTS);
    }

    public static SinkSettings defaults(String bootstrap, String groupId) {
        // 5,000: a backlog drains in few transactions (each costs round trips and an fsync);
        // when caught up, a poll returns what is there, so batches stay small and quick.
        return new SinkSettings(bootstrap, groupId, 5000, Duration.ofMillis(200), Duration.ofSeconds(30));
    }
}
