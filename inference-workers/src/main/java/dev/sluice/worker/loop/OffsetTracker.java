package dev.sluice.worker.loop;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed when requests finish out of order: for each partition, the
 * lowest offset still running (or one past the highest seen when none runs). A crash then
 * replays exactly the unfinished requests, never skips one. Used by the loop thread only.
 */
final class OffsetTracker {
    private final Map<TopicPartition, TreeSet<Long>> running = new HashMap<>();
    private final Map<TopicPartition, Long> nextAfterSeen = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    void started(TopicPartition tp, long offset) {
        running.computeIfAbsent(tp, k -> new TreeSet<>()).add(offset);
        nextAfterSeen.merge(tp, offset + 1, Math::max);
    }

    void finished(TopicPartition tp, long offset) {
        TreeSet<Long> set = running.get(tp);
        if (set != null) set.remove(offset);
    }

    /** Offsets to commit now (only those that moved). */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (var e : nextAfterSeen.entrySet()) {
            TreeSet<Long> set = running.get(e.getKey());
            long position = set == null || set.isEmpty() ? e.getValue() : set.first();
            if (!Long.valueOf(position).equals(committed.get(e.getKey())))
                out.put(e.getKey(), new OffsetAndMetadata(position));
        }
        return out;
    }

    void markCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, om) -> committed.put(tp, om.offset()));
    }

    void forget(TopicPartition tp) {
        running.remove(tp);
        nextAfterSeen.remove(tp);
        committed.remove(tp);
    }

    int runningCount() {
        return running.values().stream().mapToInt(TreeSet::size).sum();
    }
}
