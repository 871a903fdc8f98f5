package dev.sluice.topology.pipeline;

import dev.sluice.schemas.kafka.DeadLetterPublisher;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** A record the topology cannot read goes to {@code chat.deadletter}; the partition moves on. */
public final class DeadLetterHandler implements DeserializationExceptionHandler {
    private DeadLetterPublisher publisher;

    @Override
    public void configure(Map<String, ?> configs) {
        publisher = new DeadLetterPublisher(String.valueOf(configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)), "sluice-topology");
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        publisher.publish(record.topic(), record.partition(), record.offset(), record.key(), record.value(), String.valueOf(exception.getMessage()));
        return DeserializationHandlerResponse.CONTINUE;
    }
}
