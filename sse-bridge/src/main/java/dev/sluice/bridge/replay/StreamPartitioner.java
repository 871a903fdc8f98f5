package dev.sluice.bridge.replay;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition of {@code chat.stream} that holds a response: what Kafka's default
 * partitioner picks for a keyed record ({@code toPositive(murmur2(key)) % partitions}), with
 * the key serialized as UTF-8 the way {@code StringSerializer} does. Every producer of
 * {@code chat.stream} uses the default partitioner, so this is where the response is.
 */
public final class StreamPartitioner {
    public static int partitionOf(String correlationId, int partitions) {
        if (partitions <= 0) throw new IllegalArgumentException("partitions must be positive: " + partitions);
        return Utils.toPositive(Utils.murmur2(correlationId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private StreamPartitioner() {}
}
