package dev.sluice.bridge.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.id.Ids;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class StreamPartitionerTest {

    @Test
    void picksThePartitionKafkasDefaultPartitionerPicksForTheKey() {
        for (int i = 0; i < 1000; i++) {
            String id = i % 2 == 0 ? Ids.newId() : "client-request-" + i;
            for (int partitions : new int[] {1, 6, 7, 64}) {
                int kafka = BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), partitions);
                assertThat(StreamPartitioner.partitionOf(id, partitions))
                        .as(id + " over " + partitions)
                        .isEqualTo(kafka);
            }
        }
    }
}
