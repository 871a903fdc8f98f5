package dev.sluice.worker.loop;

import dev.sluice.schemas.event.CancelRequested;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.lifecycle.BackgroundLoop;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.worker.engine.Generation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of {@code chat.cancellations} from the end and stops the matching
 * sequence if it runs here. Ids are remembered for a while so a cancel that overtakes its
 * prompt still takes effect.
 */
final class CancellationListener implements AutoCloseable {
    private static final int REMEMBERED = 10_000;
    private static final Logger log = LoggerFactory.getLogger(CancellationListener.class);

    private final Consumer<String, CancelRequested> consumer;
    private final Map<String, Generation> running;
    private final Map<String, Boolean> recent =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            });
    private final BackgroundLoop loop;

    /** The consumer it reads {@code chat.cancellations} with: assigned every partition, no group. */
    static Consumer<String, CancelRequested> consumer(String bootstrap, String workerId) {
        return new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, "sluice-cancel-" + workerId),
                new StringDeserializer(),
                Topics.CHAT_CANCELLATIONS.valueSerde().deserializer());
    }

    CancellationListener(Consumer<String, CancelRequested> consumer, Map<String, Generation> running) {
        this.running = running;
        this.consumer = consumer;
        this.loop = new BackgroundLoop(
                "sluice-worker-cancellations",
                "cancellations no longer stop generations on this worker",
                this::pollOnce,
                () -> consumer.close(Duration.ofSeconds(2)));
    }

    void start() {
        List<TopicPartition> partitions =
                consumer.partitionsFor(Topics.CHAT_CANCELLATIONS.name(), Duration.ofSeconds(60)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        loop.start();
    }

    private void pollOnce() {
        ConsumerRecords<String, CancelRequested> records;
        try {
            records = consumer.poll(Duration.ofMillis(100));
        } catch (RecordDeserializationException e) {
            // The key is all that matters here, but an unreadable record must not stop every later cancel.
            log.warn(
                    "cancellation listener skips unreadable {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return;
        }
        for (ConsumerRecord<String, CancelRequested> r : records) {
            if (r.key() == null) continue; // names no response (and a null key would stop this loop in the map below)
            recent.put(r.key(), Boolean.TRUE);
            Generation g = running.get(r.key());
            if (g != null) g.cancel();
        }
    }

    /** False once its loop stopped (it logged why): cancels would then no longer stop anything. */
    boolean alive() {
        return loop.alive();
    }

    boolean wasCancelled(String correlationId) {
        return recent.containsKey(correlationId);
    }

    @Override
    public void close() {
        loop.stop();
        consumer.wakeup();
    }
}
