package dev.sluice.worker.loop;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.event.CancelRequested;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.kafka.DeadLetterPublisher;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.serde.Json;
import dev.sluice.schemas.topic.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Everything a {@link WorkerLoop} reads from and writes to Kafka. {@link #connect} builds the
 * real clients; a test hands in {@code MockConsumer}s and {@code MockProducer}s, so the loop's
 * admission, offsets, dead letters and cancellations are tested without a broker. The loop owns
 * and closes them.
 *
 * @param prompts       {@code chat.prompts} in the workers' group, values as bytes (opened by the loop)
 * @param output        stream events and completions, as objects ({@link #connect} serializes them)
 * @param cancellations every partition of {@code chat.cancellations}, no group
 * @param deadLetters   where a prompt that cannot be read or started goes
 * @param history       what a response already streamed, for takeover
 */
public record WorkerClients(
        Consumer<String, byte[]> prompts,
        Producer<String, Object> output,
        Consumer<String, CancelRequested> cancellations,
        DeadLetterPublisher deadLetters,
        ResponseHistory history) {

    /** The clients of a worker on {@code bootstrap} that runs at most {@code slots} sequences at once. */
    public static WorkerClients connect(String bootstrap, String workerId, int slots, ContentCipher cipher) {
        Properties props = KafkaClients.consumer(bootstrap, WorkerLoop.GROUP, "sluice-worker-" + workerId);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, slots);
        // A dead worker's partitions move after this long; its unfinished prompts are taken over.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        // Generation can outlast the default 5 minutes between polls only if the loop stalls;
        // it polls every few ms, so the default protects against a truly hung worker.
        // Values are read as bytes and parsed by the loop, so a record that cannot be read is
        // dead-lettered instead of failing every poll of its partition.
        Consumer<String, byte[]> prompts =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        Serializer<StreamEvent> events = Topics.CHAT_STREAM.valueSerde(cipher).serializer();
        Serializer<CompletionRecorded> completions =
                Topics.CHAT_COMPLETIONS.valueSerde(cipher).serializer();
        Producer<String, Object> output = new KafkaProducer<>(
                KafkaClients.producer(bootstrap, "sluice-worker-" + workerId),
                new StringSerializer(),
                (topic, value) -> switch (value) {
                    case StreamEvent e -> events.serialize(topic, e);
                    case CompletionRecorded c -> completions.serialize(topic, c);
                    default -> Json.MAPPER.writeValueAsBytes(value);
                });
        return new WorkerClients(
                prompts,
                output,
                CancellationListener.consumer(bootstrap, workerId),
                new DeadLetterPublisher(bootstrap, WorkerLoop.GROUP),
                new StreamHistory(bootstrap, workerId, cipher));
    }

    /** Closes what the loop does not close itself (it closes {@link #prompts} on its own thread). */
    void closeAllButPrompts() {
        history.close();
        deadLetters.close();
        output.close(Duration.ofSeconds(5));
    }
}
