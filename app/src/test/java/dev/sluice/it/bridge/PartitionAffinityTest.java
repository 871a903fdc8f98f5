package dev.sluice.it.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bridge.replay.StreamPartitioner;
import dev.sluice.bridge.route.StreamRouter;
import dev.sluice.bridge.route.Subscription;
import dev.sluice.it.TestStack;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.metrics.MeterNames;
import dev.sluice.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Partition-affine gateways on a real broker: each mints ids in its own share, reads a stream it
 * does not own on demand, and a gateway joining or leaving (a rebalance of the share) neither
 * loses nor repeats an event of a live stream.
 */
class PartitionAffinityTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int STREAMS = 12;

    @Test
    void sharesSplitAndMoveWithoutCuttingALiveStream() throws Exception {
        String bootstrap = TestStack.get().property("sluice.kafka.bootstrap");
        String group = "affinity-test-" + UUID.randomUUID();
        SimpleMeterRegistry aMeters = new SimpleMeterRegistry();
        try (StreamRouter a = new StreamRouter(
                                bootstrap,
                                "a",
                                100_000,
                                aMeters,
                                group,
                                dev.sluice.schemas.crypto.ContentCipher.DISABLED)
                        .start();
                KafkaProducer<String, StreamEvent> producer = new KafkaProducer<>(
                        KafkaClients.producer(bootstrap, "affinity-test"),
                        new StringSerializer(),
                        Topics.CHAT_STREAM.valueSerde().serializer())) {
            int partitions = a.partitionCount();
            Set<Integer> all = new HashSet<>();
            for (int p = 0; p < partitions; p++) all.add(p);
            awaitTrue(
                    "gateway a owns every partition while alone",
                    () -> a.ownedPartitions().equals(all));
            for (int i = 0; i < 200; i++)
                assertThat(a.ownedPartitions()).contains(StreamPartitioner.partitionOf(a.mint(), partitions));

            // Live streams held by a, written to without pause while the shares move.
            List<String> ids = new ArrayList<>();
            List<Subscription> subs = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                String id = a.mint();
                ids.add(id);
                subs.add(a.subscribe(id));
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong lastSeq = new AtomicLong();
            Thread writer = Thread.ofPlatform().start(() -> {
                long seq = 0;
                while (writing.get()) {
                    seq++;
                    for (String id : ids)
                        producer.send(new ProducerRecord<>(
                                Topics.CHAT_STREAM.name(), id, StreamEvent.chunk(id, seq, "t" + seq, false)));
                    lastSeq.set(seq);
                    try {
                        Thread.sleep(5); // pacing only; nothing below depends on it
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });

            Set<Integer> bShare;
            String resumed;
            try (StreamRouter b = new StreamRouter(
                            bootstrap,
                            "b",
                            100_000,
                            new SimpleMeterRegistry(),
                            group,
                            dev.sluice.schemas.crypto.ContentCipher.DISABLED)
                    .start()) {
                awaitTrue(
                        "the two gateways split the partitions",
                        () -> !b.ownedPartitions().isEmpty()
                                && !a.ownedPartitions().isEmpty()
                                && disjointCover(a.ownedPartitions(), b.ownedPartitions(), all));
                bShare = Set.copyOf(b.ownedPartitions());
                for (int i = 0; i < 200; i++)
                    assertThat(bShare).contains(StreamPartitioner.partitionOf(b.mint(), partitions));
                assertThat(a.readPartitions())
                        .as("a still reads the partitions its live streams are on")
                        .containsAll(ids.stream()
                                .map(id -> StreamPartitioner.partitionOf(id, partitions))
                                .toList());

                // A client of a's stream resumes on b, which does not own its partition: b reads it on demand.
                resumed = ids.stream()
                        .filter(id -> !bShare.contains(StreamPartitioner.partitionOf(id, partitions)))
                        .findFirst()
                        .orElseThrow();
                long from = lastSeq.get();
                try (Subscription onB = b.subscribe(resumed, from)) {
                    StreamEvent next = onB.poll(WAIT);
                    assertThat(next).as("b receives the stream it does not own").isNotNull();
                    assertThat(next.seq()).isGreaterThan(from);
                }
            }
            awaitTrue(
                    "a owns everything again once b left",
                    () -> a.ownedPartitions().equals(all));
            writing.set(false);
            writer.join();
            producer.flush();
            long last = lastSeq.get();

            for (int i = 0; i < STREAMS; i++) {
                long expected = 1;
                while (expected <= last) {
                    StreamEvent e = subs.get(i).poll(WAIT);
                    assertThat(e)
                            .as("stream %s event %d arrived", ids.get(i), expected)
                            .isNotNull();
                    assertThat(e.seq())
                            .as("stream %s has no gap or repeat", ids.get(i))
                            .isEqualTo(expected);
                    expected++;
                }
                assertThat(subs.get(i).overflowed()).isFalse();
                subs.get(i).close();
            }
            // Polls that returned records: at least one, and never more than the events a read.
            double polls = aMeters.get(MeterNames.BRIDGE_ROUTER_POLLS).counter().count();
            assertThat(polls).isEqualTo(a.polls()).isGreaterThanOrEqualTo(1);
            assertThat(polls).isLessThanOrEqualTo((double) STREAMS * last);
        }
    }

    private static boolean disjointCover(Set<Integer> x, Set<Integer> y, Set<Integer> all) {
        Set<Integer> union = new HashSet<>(x);
        union.addAll(y);
        return union.equals(all) && x.stream().noneMatch(y::contains);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting: " + what);
            Thread.sleep(50);
        }
    }
}
