package dev.sluice.bridge.cancel;

import dev.sluice.schemas.event.CancelRequested;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.topic.Topics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes {@link CancelRequested} to {@code chat.cancellations}, keyed by correlation id; every worker reads it. */
public final class CancelPublisher implements AutoCloseable {
    private final KafkaProducer<String, CancelRequested> producer;

    public CancelPublisher(String bootstrap, String instanceId) {
        this.producer = new KafkaProducer<>(
                KafkaClients.producer(bootstrap, "sluice-bridge-cancel-" + instanceId),
                new StringSerializer(),
                Topics.CHAT_CANCELLATIONS.valueSerde().serializer());
    }

    /** Completes when the broker acknowledged the cancellation. */
    public CompletableFuture<Void> cancel(String correlationId, String user, String reason) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        CancelRequested cancel = new CancelRequested(correlationId, user, reason, System.currentTimeMillis());
        producer.send(new ProducerRecord<>(Topics.CHAT_CANCELLATIONS.name(), correlationId, cancel), (meta, e) -> {
            if (e == null) acked.complete(null);
            else acked.completeExceptionally(e);
        });
        return acked;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
