package dev.sluice.worker.loop;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which consumed prompts are settled. A prompt whose every produce (answer, error event, dead
 * letter) Kafka acknowledged is finished: its offset may be committed. One whose produce failed
 * is not: its offset stays where it is, so it is answered again after a restart (takeover
 * continues what was streamed), and the loop reports itself not alive so health turns DOWN and
 * the worker is restarted. Called from producer callbacks and the loop thread.
 */
final class Settlements {
    private static final Logger log = LoggerFactory.getLogger(Settlements.class);

    private final ConcurrentLinkedQueue<ConsumerRecord<String, byte[]>> finished = new ConcurrentLinkedQueue<>();
    private volatile @Nullable Exception produceFailure;

    /** Nothing needed writing (already answered, a tombstone): finished now. */
    void done(ConsumerRecord<String, byte[]> record) {
        finished.add(record);
    }

    void settle(ConsumerRecord<String, byte[]> record, @Nullable Exception failure) {
        if (failure == null) {
            finished.add(record);
            return;
        }
        log.error(
                "the answer to {}-{}@{} could not be written to Kafka ({}); its offset stays uncommitted and the worker reports DOWN",
                record.topic(),
                record.partition(),
                record.offset(),
                failure.toString());
        produceFailure = failure;
    }

    /** Settles {@code record} once all {@code parts} of its produces are acknowledged; one failure keeps its offset. */
    Consumer<@Nullable Exception> after(ConsumerRecord<String, byte[]> record, int parts) {
        AtomicInteger left = new AtomicInteger(parts);
        AtomicReference<@Nullable Exception> failed = new AtomicReference<>();
        return e -> {
            if (e != null) failed.compareAndSet(null, e);
            if (left.decrementAndGet() == 0) settle(record, failed.get());
        };
    }

    /** The next finished record, or null. */
    @Nullable
    ConsumerRecord<String, byte[]> poll() {
        return finished.poll();
    }

    boolean failed() {
        return produceFailure != null;
    }
}
