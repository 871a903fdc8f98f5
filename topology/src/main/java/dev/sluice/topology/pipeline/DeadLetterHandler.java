package dev.sluice.topology.pipeline;

import dev.sluice.schemas.kafka.DeadLetterPublisher;
import dev.sluice.schemas.kafka.FailureReasons;
import dev.sluice.schemas.serde.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record the topology cannot read, or that a processor throws on, goes to
 * {@code chat.deadletter}; the partition moves on. Without the processing half, a record that
 * parses but cannot be handled (no conversation id, say) fails the stream thread, the thread is
 * replaced, resumes from the last commit and meets the same record again: the partition, and
 * every partition of that thread, stalls for good.
 *
 * <p>Neither the log nor the dead letter quotes the record: reasons come from
 * {@link FailureReasons} (exception type and position, no message), and a raw request's dead
 * letter carries no value (see {@link DeadLetterPublisher}). A stack trace is not logged either:
 * its message line can hold the text the exception choked on.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);
    /**
     * Streams makes a handler of each kind for every stream thread, and again for a replaced
     * thread; none is ever closed. One producer per cluster serves them all and leaks none.
     */
    private static final Map<String, DeadLetterPublisher> PUBLISHERS = new ConcurrentHashMap<>();
    private DeadLetterPublisher publisher;

    @Override
    public void configure(Map<String, ?> configs) {
        publisher = PUBLISHERS.computeIfAbsent(String.valueOf(configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)),
                bootstrap -> new DeadLetterPublisher(bootstrap, "sluice-topology"));
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        publisher.publish(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                "unreadable: " + FailureReasons.describe(exception));
        return DeserializationHandlerResponse.CONTINUE;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (context.topic() == null) {
            // Thrown from a punctuation, not from a record: nothing to set aside.
            log.error("topology punctuation failed in {}: {}", context.processorNodeId(), FailureReasons.describe(exception));
            return ProcessingHandlerResponse.CONTINUE;
        }
        String reason = "processor " + context.processorNodeId() + " failed: " + FailureReasons.describe(exception);
        log.error("{}-{}@{}: {}", context.topic(), context.partition(), context.offset(), reason);
        byte[] value = context.sourceRawValue() != null ? context.sourceRawValue()
                : record == null || record.value() == null ? null : Json.MAPPER.writeValueAsString(record.value()).getBytes(StandardCharsets.UTF_8);
        publisher.publish(context.topic(), context.partition(), context.offset(), context.sourceRawKey(), value, reason);
        return ProcessingHandlerResponse.CONTINUE;
    }
}
