package dev.sluice.worker.loop;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/** A response's history read back from {@code chat.stream} with a consumer of its own. */
final class StreamHistory implements ResponseHistory {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<StreamEvent> events;
    private final int partitions;

    StreamHistory(String bootstrap, String workerId, ContentCipher cipher) {
        // Bytes, opened only for this response: other responses' events (an erased conversation's
        // among them) are neither decrypted nor able to stop the read.
        consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, "sluice-history-" + workerId),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        events = Topics.CHAT_STREAM.valueSerde(cipher).deserializer();
        partitions = consumer.partitionsFor(Topics.CHAT_STREAM.name(), Duration.ofSeconds(60))
                .size();
    }

    @Override
    public Progress of(String correlationId, long sinceMs) {
        // Kafka's default partitioner for a keyed record: where every event of this response went.
        int p = Utils.toPositive(Utils.murmur2(correlationId.getBytes(StandardCharsets.UTF_8))) % partitions;
        TopicPartition tp = new TopicPartition(Topics.CHAT_STREAM.name(), p);
        consumer.assign(List.of(tp));
        long end = Objects.requireNonNull(
                consumer.endOffsets(List.of(tp)).get(tp), "endOffsets answers for every partition asked");
        Map<TopicPartition, OffsetAndTimestamp> found =
                consumer.offsetsForTimes(Map.of(tp, Math.max(0, sinceMs - 5_000)));
        OffsetAndTimestamp start = found.get(tp);
        if (start == null) return Progress.NONE;
        consumer.seek(tp, start.offset());
        long lastSeq = 0;
        boolean finished = false;
        StringBuilder text = new StringBuilder();
        while (consumer.position(tp) < end) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.value() == null || !correlationId.equals(r.key())) continue;
                StreamEvent e = events.deserialize(r.topic(), r.value());
                if (e.seq() <= lastSeq) continue;
                lastSeq = e.seq();
                if (e.type() == StreamEvent.Type.CHUNK && e.text() != null) text.append(e.text());
                if (e.terminal()) finished = true;
            }
        }
        return new Progress(lastSeq, text.toString(), finished);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
