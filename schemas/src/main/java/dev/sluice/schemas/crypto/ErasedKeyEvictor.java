package dev.sluice.schemas.crypto;

import dev.sluice.schemas.event.ConversationErased;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.lifecycle.BackgroundLoop;
import dev.sluice.schemas.lifecycle.LoopsReport;
import dev.sluice.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops an erased conversation's key from this process's cache as soon as the erasure reaches
 * {@code chat.erasures}, instead of when the cached entry expires. Every process reads every
 * partition (no group), from the end: erasures before it started cannot be in its cache.
 */
public final class ErasedKeyEvictor implements AutoCloseable, LoopsReport {
    private static final Logger log = LoggerFactory.getLogger(ErasedKeyEvictor.class);

    private final ContentCipher cipher;
    private final KafkaConsumer<String, ConversationErased> consumer;
    private final BackgroundLoop loop;

    public ErasedKeyEvictor(String bootstrap, String instanceId, ContentCipher cipher) {
        this.cipher = cipher;
        this.consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, "sluice-key-evictor-" + instanceId),
                new StringDeserializer(),
                Topics.CHAT_ERASURES.valueSerde().deserializer());
        this.loop = new BackgroundLoop(
                "sluice-key-evictor",
                "erased conversations' keys stay cached until they expire",
                this::pollOnce,
                () -> consumer.close(Duration.ofSeconds(2)));
    }

    public ErasedKeyEvictor start() {
        List<TopicPartition> partitions =
                consumer.partitionsFor(Topics.CHAT_ERASURES.name(), Duration.ofSeconds(60)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        loop.start();
        return this;
    }

    private void pollOnce() {
        ConsumerRecords<String, ConversationErased> records;
        try {
            records = consumer.poll(Duration.ofMillis(200));
        } catch (RecordDeserializationException e) {
            log.warn("key evictor skips unreadable {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return;
        }
        for (ConsumerRecord<String, ConversationErased> r : records) {
            ConversationErased erased = r.value();
            if (erased != null && erased.userId() != null && erased.conversationId() != null) {
                cipher.forget(new ContentScope(erased.userId(), erased.conversationId()));
            }
        }
    }

    @Override
    public Map<String, Boolean> loops() {
        return Map.of("key-evictor", loop.alive());
    }

    @Override
    public void close() {
        loop.stop();
        consumer.wakeup();
    }
}
