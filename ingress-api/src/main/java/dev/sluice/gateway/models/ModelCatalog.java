package dev.sluice.gateway.models;

import dev.sluice.schemas.event.ModelAnnounced;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The models workers announced on the compacted {@code sluice.models} topic, read from its start. */
public final class ModelCatalog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);

    private final Map<String, ModelAnnounced> models = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, ModelAnnounced> consumer;
    private volatile boolean running = true;
    private Thread thread;

    public ModelCatalog(String bootstrap, String instanceId) {
        Properties props = KafkaClients.consumer(bootstrap, null, "sluice-models-" + instanceId);
        // Models change rarely; the chat-path 10 ms fetch wait would poll the broker 100 times a second.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), Topics.MODELS.valueSerde().deserializer());
    }

    public ModelCatalog start() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.MODELS.name(), Duration.ofSeconds(60)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = Thread.ofPlatform().name("sluice-model-catalog").daemon().start(this::run);
        return this;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, ModelAnnounced> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        models.remove(r.key());
                    } else if (models.put(r.key(), r.value()) == null) {
                        log.info("model available: {} ({} engine, context {})", r.key(), r.value().engine(), r.value().contextLength());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    public Optional<ModelAnnounced> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    public Collection<ModelAnnounced> all() {
        return List.copyOf(models.values());
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
