package dev.sluice.worker.loop;

import dev.sluice.schemas.event.CancelRequested;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.worker.engine.Generation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of {@code chat.cancellations} from the end and stops the matching
 * sequence if it runs here. Ids are remembered for a while so a cancel that overtakes its
 * prompt still takes effect.
 */
final class CancellationListener implements AutoCloseable {
    private static final int REMEMBERED = 10_000;

    private final KafkaConsumer<String, CancelRequested> consumer;
    private final Map<String, Generation> running;
    private final Map<String, Boolean> recent = java.util.Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });
    private volatile boolean stopping;
    private Thread thread;

    CancellationListener(String bootstrap, String workerId, Map<String, Generation> running) {
        this.running = running;
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap, null, "sluice-cancel-" + workerId),
                new StringDeserializer(), Topics.CHAT_CANCELLATIONS.valueSerde().deserializer());
    }

    void start() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHAT_CANCELLATIONS.name(), Duration.ofSeconds(60)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = Thread.ofPlatform().name("sluice-worker-cancellations").daemon().start(this::run);
    }

    private void run() {
        try {
            while (!stopping) {
                for (ConsumerRecord<String, CancelRequested> r : consumer.poll(Duration.ofMillis(100))) {
                    recent.put(r.key(), Boolean.TRUE);
                    Generation g = running.get(r.key());
                    if (g != null) g.cancel();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    boolean wasCancelled(String correlationId) {
        return recent.containsKey(correlationId);
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
    }
}
