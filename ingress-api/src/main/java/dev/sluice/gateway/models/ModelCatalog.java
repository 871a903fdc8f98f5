package dev.sluice.gateway.models;

import dev.sluice.schemas.event.ModelAnnounced;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.lifecycle.BackgroundLoop;
import dev.sluice.schemas.lifecycle.LoopsReport;
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
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models workers announced on the compacted {@code sluice.models} topic, read from its start.
 * Its loop stopping (logged, health DOWN) would freeze the list: new models never appear and
 * retired ones stay.
 */
public final class ModelCatalog implements AutoCloseable, LoopsReport {
    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);

    private final Map<String, ModelAnnounced> models = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, ModelAnnounced> consumer;
    private final BackgroundLoop loop;

    public ModelCatalog(String bootstrap, String instanceId) {
        Properties props = KafkaClients.consumer(bootstrap, null, "sluice-models-" + instanceId);
        // Models change rarely; the chat-path 10 ms fetch wait would poll the broker 100 times a second.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        consumer = new KafkaConsumer<>(
                props, new StringDeserializer(), Topics.MODELS.valueSerde().deserializer());
        loop = new BackgroundLoop(
                "sluice-model-catalog",
                "the list of models no longer follows the workers' announcements",
                this::pollOnce,
                () -> consumer.close(Duration.ofSeconds(2)));
    }

    public ModelCatalog start() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.MODELS.name(), Duration.ofSeconds(60)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        loop.start();
        return this;
    }

    private void pollOnce() {
        ConsumerRecords<String, ModelAnnounced> records;
        try {
            records = consumer.poll(Duration.ofMillis(500));
        } catch (RecordDeserializationException e) {
            log.warn("model catalog skips unreadable {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return;
        }
        for (ConsumerRecord<String, ModelAnnounced> r : records) {
            if (r.key() == null) {
                // A keyless record names no model (and a null key would stop this loop in the map below).
                log.warn("model catalog skips {}-{}@{}: no key", r.topic(), r.partition(), r.offset());
            } else if (r.value() == null) {
                models.remove(r.key());
            } else if (models.put(r.key(), r.value()) == null) {
                log.info(
                        "model available: {} ({} engine, context {})",
                        r.key(),
                        r.value().engine(),
                        r.value().contextLength());
            }
        }
    }

    /** False once its loop stopped (it logged why). */
    public boolean alive() {
        return loop.alive();
    }

    @Override
    public Map<String, Boolean> loops() {
        return Map.of("model-catalog", alive());
    }

    public Optional<ModelAnnounced> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    public Collection<ModelAnnounced> all() {
        return List.copyOf(models.values());
    }

    @Override
    public void close() {
        loop.stop();
        consumer.wakeup();
    }
}
