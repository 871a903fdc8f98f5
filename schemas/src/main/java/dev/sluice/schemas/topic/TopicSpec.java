package dev.sluice.schemas.topic;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic paired with its serdes and settings, so no module spells a topic name or picks a
 * serde on its own.
 *
 * @param retention how long records are kept; {@code null} with compaction means forever
 */
public record TopicSpec<K, V>(
        String name,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        int defaultPartitions,
        Duration retention,
        String cleanupPolicy) {

    /** Topic-level configs for creation: retention and cleanup policy. */
    public Map<String, String> configs() {
        if (TopicConfig.CLEANUP_POLICY_COMPACT.equals(cleanupPolicy)) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        }
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
    }
}
