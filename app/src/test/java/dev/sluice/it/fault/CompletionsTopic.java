package dev.sluice.it.fault;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code chat.completions} from the start with a read-committed consumer, as persistence
 * does, and groups the records by correlation id, so a test can count completions per request.
 */
final class CompletionsTopic {

    /**
     * Every completion of the given requests: waits until each has at least one, then reads on
     * to the topic's end as it is then, so a duplicate written behind the first is counted too.
     */
    /** @param cipher opens the completions' sealed content (the stack's own); other requests' records are not opened */
    static Map<String, List<CompletionRecorded>> read(
            String bootstrap, ContentCipher cipher, Collection<String> correlationIds, Duration wait) {
        Deserializer<CompletionRecorded> sealed =
                Topics.CHAT_COMPLETIONS.valueSerde(cipher).deserializer();
        Set<String> wanted = Set.copyOf(correlationIds);
        Map<String, List<CompletionRecorded>> found = new HashMap<>();
        String client = "fault-completions-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, client),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.CHAT_COMPLETIONS.name(), Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + wait.toNanos();
            while (!found.keySet().containsAll(wanted) && System.nanoTime() < deadline)
                poll(consumer, sealed, wanted, found);
            if (!found.keySet().containsAll(wanted)) {
                List<String> missing = new ArrayList<>(wanted);
                missing.removeAll(found.keySet());
                throw new AssertionError(missing.size() + " of " + wanted.size() + " requests have no completion on "
                        + Topics.CHAT_COMPLETIONS.name() + " after " + wait.toSeconds() + " s: " + missing);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline + wait.toNanos()) {
                poll(consumer, sealed, wanted, found);
            }
        }
        return found;
    }

    private static void poll(
            KafkaConsumer<String, byte[]> consumer,
            Deserializer<CompletionRecorded> sealed,
            Set<String> wanted,
            Map<String, List<CompletionRecorded>> found) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            if (r.value() == null) continue;
            // The ids are clear: only the wanted records are opened (others may belong to erased conversations).
            CompletionRecorded clear =
                    Topics.CHAT_COMPLETIONS.valueSerde().deserializer().deserialize(r.topic(), r.value());
            if (wanted.contains(clear.correlationId())) {
                found.computeIfAbsent(clear.correlationId(), k -> new ArrayList<>())
                        .add(sealed.deserialize(r.topic(), r.value()));
            }
        }
    }

    private CompletionsTopic() {}
}
