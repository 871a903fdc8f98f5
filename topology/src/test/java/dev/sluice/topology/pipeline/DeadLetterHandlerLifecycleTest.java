package dev.sluice.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The shared dead-letter producer lives exactly as long as the topologies that use its cluster. */
class DeadLetterHandlerLifecycleTest {

    @Test
    void theLastTopologyToStopClosesItsClustersProducer() {
        String cluster = "127.0.0.1:1"; // never dialled: a producer connects only when it sends
        DeadLetterHandler.hold(cluster);
        DeadLetterHandler.hold(cluster);
        new DeadLetterHandler().configure(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster));
        new DeadLetterHandler().configure(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster));
        assertThat(DeadLetterHandler.publisherOpen(cluster))
                .as("one producer for both handlers")
                .isTrue();

        DeadLetterHandler.release(cluster);
        assertThat(DeadLetterHandler.publisherOpen(cluster))
                .as("one topology still runs")
                .isTrue();
        DeadLetterHandler.release(cluster);
        assertThat(DeadLetterHandler.publisherOpen(cluster))
                .as("closed with the last topology")
                .isFalse();

        DeadLetterHandler.release(cluster); // a second close of a runner changes nothing
        assertThat(DeadLetterHandler.publisherOpen(cluster)).isFalse();
    }
}
