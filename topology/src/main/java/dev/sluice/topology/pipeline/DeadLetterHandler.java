package dev.sluice.topology.pipeline;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.KeyDestroyedException;
import dev.sluice.schemas.crypto.KeysUnavailableException;
import dev.sluice.schemas.kafka.DeadLetterPublisher;
import dev.sluice.schemas.kafka.FailureReasons;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;
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
 *
 * <p>A record whose data key was destroyed (its conversation erased) is skipped and counted. When
 * the key store is down, the thread fails instead: dead-lettering would lose an accepted request,
 * and the replaced thread reads the record again from the last commit.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);
    /**
     * Streams makes a handler of each kind for every stream thread, and again for a replaced
     * thread; none is ever closed. One producer per cluster serves them all; the runners using a
     * cluster hold it ({@link #hold}) and the last to let go ({@link #release}) closes it, so no
     * producer outlives its topology (left open, each kept reconnecting to a stopped cluster).
     */
    private static final Map<String, DeadLetterPublisher> PUBLISHERS = new ConcurrentHashMap<>();

    private static final Map<String, Integer> HOLDERS = new ConcurrentHashMap<>();
    /** Streams config entry holding the topology's {@link ContentCipher} (an object, not a setting). */
    public static final String CIPHER_CONFIG = "sluice.content.cipher";

    private DeadLetterPublisher publisher;
    private ContentCipher cipher = ContentCipher.DISABLED;

    /** A topology on {@code bootstrap} starts: its dead-letter producer stays open until {@link #release}. */
    static void hold(String bootstrap) {
        HOLDERS.merge(bootstrap, 1, Integer::sum);
    }

    /** A topology on {@code bootstrap} has stopped; the last one closes the cluster's producer. */
    static void release(String bootstrap) {
        @Nullable DeadLetterPublisher[] closing = new DeadLetterPublisher[1];
        HOLDERS.computeIfPresent(bootstrap, (k, n) -> {
            if (n > 1) return n - 1;
            closing[0] = PUBLISHERS.remove(k);
            return null;
        });
        if (closing[0] != null) closing[0].close();
    }

    /** Whether a dead-letter producer for {@code bootstrap} is open, for tests. */
    static boolean publisherOpen(String bootstrap) {
        return PUBLISHERS.containsKey(bootstrap);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(CIPHER_CONFIG) instanceof ContentCipher c) cipher = c;
        publisher = PUBLISHERS.computeIfAbsent(
                String.valueOf(configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)),
                bootstrap -> new DeadLetterPublisher(bootstrap, "sluice-topology"));
    }

    @Override
    public DeserializationHandlerResponse handle(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (KeysUnavailableException.in(exception)) return DeserializationHandlerResponse.FAIL;
        if (exception instanceof KeyDestroyedException) {
            // Its conversation was erased: nothing to process, nothing to set aside.
            cipher.countShredded();
            return DeserializationHandlerResponse.CONTINUE;
        }
        publisher.publish(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                "unreadable: " + FailureReasons.describe(exception));
        return DeserializationHandlerResponse.CONTINUE;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (context.topic() == null) {
            // Thrown from a punctuation, not from a record: nothing to set aside.
            log.error(
                    "topology punctuation failed in {}: {}",
                    context.processorNodeId(),
                    FailureReasons.describe(exception));
            return ProcessingHandlerResponse.CONTINUE;
        }
        if (KeysUnavailableException.in(exception)) return ProcessingHandlerResponse.FAIL;
        String reason = "processor " + context.processorNodeId() + " failed: " + FailureReasons.describe(exception);
        log.error("{}-{}@{}: {}", context.topic(), context.partition(), context.offset(), reason);
        // The record as it was read (sealed where its topic seals), never re-serialized in the clear.
        byte[] value = context.sourceRawValue();
        publisher.publish(
                context.topic(), context.partition(), context.offset(), context.sourceRawKey(), value, reason);
        return ProcessingHandlerResponse.CONTINUE;
    }
}
