package dev.sluice.it.gateway;

import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads {@code chat.requests} from its start to its current end, as raw bytes. */
final class RequestsTopic {

    /** Every record value (as text) that contains one of the markers. */
    static List<String> valuesContainingAny(String bootstrap, Collection<String> markers) {
        List<String> hits = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, "it-requests-reader"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHAT_REQUESTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String value = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
                    for (String m : markers) {
                        if (value.contains(m))
                            hits.add(m + " at " + r.topic() + "-" + r.partition() + "@" + r.offset());
                    }
                }
            }
        }
        return hits;
    }

    /** How many record values contain the marker. */
    static long count(String bootstrap, String marker) {
        return valuesContainingAny(bootstrap, List.of(marker)).size();
    }

    private RequestsTopic() {}
}
