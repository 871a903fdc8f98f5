package dev.sluice.schemas.topic;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.SealedJsonSerde;
import dev.sluice.schemas.crypto.Sealing;
import dev.sluice.schemas.serde.JsonSerde;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.jspecify.annotations.Nullable;

/**
 * A topic paired with its serdes and settings, so no module spells a topic name or picks a
 * serde on its own.
 *
 * @param retention how long records are kept; {@code null} with compaction means forever
 * @param sealing   what of a value is content, sealed per conversation; null for a topic without content
 */
public record TopicSpec<K, V>(
        String name,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        int defaultPartitions,
        Duration retention,
        String cleanupPolicy,
        @Nullable Sealing<V> sealing) {

    public TopicSpec(
            String name,
            Serde<K> keySerde,
            Serde<V> valueSerde,
            int defaultPartitions,
            Duration retention,
            String cleanupPolicy) {
        this(name, keySerde, valueSerde, defaultPartitions, retention, cleanupPolicy, null);
    }

    /**
     * The value serde every producer and consumer of a content topic uses: content sealed with
     * {@code cipher}, records without an envelope still read. {@link #valueSerde()} alone reads and
     * writes plain JSON (topics without content, and tests that plant records written before
     * encryption).
     */
    public Serde<V> valueSerde(ContentCipher cipher) {
        if (sealing == null) return valueSerde;
        return new SealedJsonSerde<>((JsonSerde<V>) valueSerde, sealing, cipher);
    }

    /** Topic-level configs for creation: retention and cleanup policy. */
    public Map<String, String> configs() {
        if (TopicConfig.CLEANUP_POLICY_COMPACT.equals(cleanupPolicy)) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        }
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                cleanupPolicy,
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(retention.toMillis()));
    }
}
