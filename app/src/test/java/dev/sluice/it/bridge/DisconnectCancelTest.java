package dev.sluice.it.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bridge.cancel.CancelPublisher;
import dev.sluice.bridge.cancel.DisconnectCanceller;
import dev.sluice.bridge.registry.StreamRegistry;
import dev.sluice.it.TestStack;
import dev.sluice.schemas.event.CancelRequested;
import dev.sluice.schemas.id.Ids;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dropped connection is cancelled on {@code chat.cancellations} after the grace period unless
 * someone re-attached meanwhile (attachment is tracked in the real Redis, so a re-attach on any
 * instance counts). Uses the stack's broker and Redis with a short grace.
 */
class DisconnectCancelTest {
    private TestStack stack;
    private StreamRegistry registry;
    private CancelPublisher publisher;
    private KafkaConsumer<String, CancelRequested> cancellations;

    @BeforeEach
    void setUp() {
        stack = TestStack.get();
        registry = new StreamRegistry(stack.context().getBean(RedisClient.class), Duration.ofMinutes(5));
        publisher = new CancelPublisher(stack.property("sluice.kafka.bootstrap"), "disconnect-test");
        cancellations = new KafkaConsumer<>(
                KafkaClients.consumer(stack.property("sluice.kafka.bootstrap"), null, "disconnect-test"),
                new StringDeserializer(),
                Topics.CHAT_CANCELLATIONS.valueSerde().deserializer());
        List<TopicPartition> partitions = cancellations.partitionsFor(Topics.CHAT_CANCELLATIONS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        cancellations.assign(partitions);
        cancellations.seekToEnd(partitions);
        partitions.forEach(cancellations::position);
    }

    @AfterEach
    void tearDown() {
        cancellations.close();
        publisher.close();
        registry.close();
    }

    /** Cancellations seen until {@code until} appears, plus a further second to catch stragglers. */
    private Map<String, CancelRequested> readUntil(String until) {
        Map<String, CancelRequested> seen = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long extra = Long.MAX_VALUE;
        while (System.nanoTime() < Math.min(deadline, extra)) {
            for (ConsumerRecord<String, CancelRequested> r : cancellations.poll(Duration.ofMillis(100))) {
                seen.put(r.key(), r.value());
                if (r.key().equals(until) && extra == Long.MAX_VALUE)
                    extra = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            }
        }
        return seen;
    }

    @Test
    void cancelsAfterTheGraceOnlyTheResponsesNobodyReattachedTo() throws Exception {
        try (DisconnectCanceller canceller =
                new DisconnectCanceller(registry, publisher, Duration.ofMillis(400), new SimpleMeterRegistry())) {
            String reattached = Ids.newId();
            String abandoned = Ids.newId();

            registry.attach(reattached);
            long dropped = registry.detach(reattached);
            // The client came back (on any instance) within the grace. Re-attached before the
            // canceller hears of the drop, so a test thread starved past the 400 ms grace cannot
            // turn this into a cancel; the check still compares generations, as in production.
            registry.attach(reattached);
            canceller.detached(reattached, "alice", dropped);
            registry.attach(abandoned);
            canceller.detached(abandoned, "bob", registry.detach(abandoned));

            Map<String, CancelRequested> seen = readUntil(abandoned);

            assertThat(seen).containsKey(abandoned).doesNotContainKey(reattached);
            assertThat(seen.get(abandoned).userId()).isEqualTo("bob");
            assertThat(seen.get(abandoned).reason()).isEqualTo("client_disconnected");
        }
    }

    @Test
    void aConnectionStillOpenElsewhereKeepsTheResponseAlive() throws Exception {
        try (DisconnectCanceller canceller =
                new DisconnectCanceller(registry, publisher, Duration.ZERO, new SimpleMeterRegistry())) {
            String twice = Ids.newId();
            String marker = Ids.newId();
            registry.attach(twice);
            registry.attach(twice); // a second tab, say
            canceller.detached(twice, "alice", registry.detach(twice));
            registry.attach(marker);
            canceller.detached(marker, "alice", registry.detach(marker));

            Map<String, CancelRequested> seen = readUntil(marker);

            assertThat(seen).containsKey(marker).doesNotContainKey(twice);
        }
    }
}
