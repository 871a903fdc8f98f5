package dev.sluice.bridge.replay;

import dev.sluice.bridge.ReplayRefusedException;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.KeyDestroyedException;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a response's past events back from {@code chat.stream}: Kafka is the replay store, so
 * a resume works on any instance and after the response finished, for as long as the topic
 * keeps it.
 *
 * <p>It looks in the response's partition from the accept timestamp (minus a margin for clock
 * skew between gateway and workers) up to the end offset taken when the read starts. A caller
 * that subscribed to live events before calling {@link #read} therefore misses nothing: an
 * event is either below that end offset (here) or routed live after the subscription (there).
 *
 * <p>Consumers are pooled: creating one costs a metadata round trip, and a replay is short. The
 * pool is shared by every user of this gateway, so one user may hold at most {@code perUser}
 * of its consumers at once (more is refused at once, 429), and a replay waits at most
 * {@code wait} for a free one (503 after): a flood of resumes from one account can neither take
 * every slot nor park request threads without end.
 */
public final class ReplayReader implements AutoCloseable {
    /** If replay from the accept time finds the response started before it, look this far back. */
    private static final Duration WIDE_MARGIN = Duration.ofMinutes(10);

    private final ReplaySlots<KafkaConsumer<String, byte[]>> pool;
    private final List<KafkaConsumer<String, byte[]>> all = new ArrayList<>();
    private final Deserializer<StreamEvent> values;
    private final ContentCipher cipher;
    private final Duration margin;
    private final Duration timeout;
    private final int partitions;

    public ReplayReader(
            String bootstrap,
            String instanceId,
            int consumers,
            Duration margin,
            Duration timeout,
            Duration wait,
            int perUser,
            ContentCipher cipher) {
        this.values = Topics.CHAT_STREAM.valueSerde(cipher).deserializer();
        this.cipher = cipher;
        this.margin = margin;
        this.timeout = timeout;
        for (int i = 0; i < consumers; i++) {
            Properties props = KafkaClients.consumer(bootstrap, null, "sluice-replay-" + instanceId + "-" + i);
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
            // Bytes, opened only for the response asked for: other conversations' events (an erased
            // one's among them) are neither decrypted nor able to fail the replay.
            KafkaConsumer<String, byte[]> c =
                    new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            all.add(c);
        }
        this.pool = new ReplaySlots<>(all, wait, perUser);
        this.partitions = all.getFirst()
                .partitionsFor(Topics.CHAT_STREAM.name(), Duration.ofSeconds(60))
                .size();
    }

    /**
     * The events of {@code correlationId} with a sequence above {@code afterSeq}, as far as Kafka
     * has them now, read for {@code user}.
     *
     * @throws ReplayRefusedException when {@code user} already holds its share of the pool, or no consumer came free in time
     */
    public History read(String user, String correlationId, long acceptedAtMs, long afterSeq)
            throws InterruptedException {
        KafkaConsumer<String, byte[]> consumer = pool.acquire(user);
        try {
            return read(consumer, correlationId, acceptedAtMs, afterSeq);
        } finally {
            pool.release(user, consumer);
        }
    }

    private History read(
            KafkaConsumer<String, byte[]> consumer, String correlationId, long acceptedAtMs, long afterSeq) {
        try {
            TopicPartition tp = new TopicPartition(
                    Topics.CHAT_STREAM.name(), StreamPartitioner.partitionOf(correlationId, partitions));
            consumer.assign(List.of(tp));
            History history = scan(consumer, tp, correlationId, acceptedAtMs - margin.toMillis(), afterSeq);
            if (history.firstSeq() > 1 || (history.firstSeq() == -1 && afterSeq > 0)) {
                // A tail only, or nothing although the client has events: the workers' clocks
                // run behind ours by more than the margin. Look further back once.
                History wide = scan(consumer, tp, correlationId, acceptedAtMs - WIDE_MARGIN.toMillis(), afterSeq);
                if (wide.firstSeq() != -1 && (history.firstSeq() == -1 || wide.firstSeq() < history.firstSeq()))
                    history = wide;
            }
            return history;
        } finally {
            consumer.assign(List.of());
        }
    }

    private History scan(
            KafkaConsumer<String, byte[]> consumer,
            TopicPartition tp,
            String correlationId,
            long fromMs,
            long afterSeq) {
        Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(Map.of(tp, Math.max(0, fromMs)));
        OffsetAndTimestamp at = start.get(tp);
        // No record since then (asked after the live subscription was made): everything is still to come, live.
        if (at == null) return History.EMPTY;
        // Taken after the live subscription: everything below it is read here, everything after reaches the
        // subscription.
        long end = Objects.requireNonNull(
                consumer.endOffsets(List.of(tp)).get(tp), "endOffsets answers for every partition asked");
        if (at.offset() >= end) return History.EMPTY;
        consumer.seek(tp, at.offset());
        List<StreamEvent> events = new ArrayList<>();
        long firstSeq = -1;
        boolean finished = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!finished && consumer.position(tp) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replay of " + correlationId + " from " + tp + " offset " + at.offset()
                        + " did not reach offset " + end + " within " + timeout);
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (r.offset() >= end) break;
                if (r.value() == null || !correlationId.equals(r.key())) continue;
                StreamEvent e;
                try {
                    e = values.deserialize(r.topic(), r.value());
                } catch (KeyDestroyedException erased) {
                    cipher.countShredded();
                    continue;
                }
                if (firstSeq == -1 || e.seq() < firstSeq) firstSeq = e.seq();
                if (e.seq() > afterSeq) events.add(e);
                if (e.terminal()) {
                    finished = true;
                    break;
                }
            }
        }
        return new History(List.copyOf(events), finished, firstSeq);
    }

    @Override
    public void close() {
        all.forEach(c -> c.close(Duration.ofSeconds(2)));
    }
}
