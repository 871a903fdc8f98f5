package dev.sluice.worker.loop;

import dev.sluice.guard.safety.OutputSafetyMonitor;
import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.KeyPrefetch;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.lifecycle.LoopsReport;
import dev.sluice.schemas.log.LogKeys;
import dev.sluice.schemas.topic.Topics;
import dev.sluice.worker.engine.Generation;
import dev.sluice.worker.engine.GenerationRequest;
import dev.sluice.worker.engine.InferenceEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Consumes {@code chat.prompts} and keeps up to {@code engine.slots()} sequences running.
 * Continuous batching: a prompt starts the moment a slot is free, not when a batch fills.
 * While every slot is busy the partitions are paused (the consumer keeps heartbeating).
 * Offsets move only past finished requests (see {@link OffsetTracker}).
 */
public final class WorkerLoop implements AutoCloseable, LoopsReport {
    private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);
    /** The consumer group of every worker on chat.prompts (its Kafka ACL names it too). */
    public static final String GROUP = "sluice-workers";

    private final InferenceEngine engine;
    private final WorkerClients clients;
    private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
    private final Producer<String, Object> producer;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Settlements settlements = new Settlements();
    private final OffsetCommitter committer;
    private final PromptIntake intake;
    private final ContentCipher cipher;
    private final Map<String, Generation> running = new ConcurrentHashMap<>();
    private final CancellationListener cancellations;
    private final WorkerMetrics metrics;
    private final Supplier<OutputSafetyMonitor> safety;
    private final ChunkFlusher flusher;
    /** Per partition, the end offset when this worker got it: prompts below it may have been started elsewhere. */
    private final Map<TopicPartition, Long> takeoverBelow = new HashMap<>();
    /** Polled prompts waiting for a free slot, in poll order (loop thread only). */
    private final java.util.ArrayDeque<ConsumerRecord<String, byte[]>> held = new java.util.ArrayDeque<>();

    private volatile boolean stopping;
    /** Prompts wait for a slot: a response that ends wakes the poll, so the next one starts at once. */
    private volatile boolean waitingForSlot;

    private @Nullable Thread thread;
    /** Records end a poll at once, a freed slot wakes it; settled offsets wait (committed every 100 ms anyway). 5 ms cost 4% of a core idle. */
    static final Duration POLL = Duration.ofMillis(100);

    /** The default coalescing window: see {@link ChunkCoalescer} and bench/results/tokenpath.md for how it was chosen. */
    public static final Duration DEFAULT_COALESCE_WINDOW = Duration.ofMillis(20);

    /**
     * @param safety         a fresh output monitor per response (null for none)
     * @param coalesceWindow how long later tokens of a stream may wait to be merged into one event
     * @param coalesce       false: every piece of text is its own chunk event, sent at once
     */
    public WorkerLoop(
            WorkerClients clients,
            String workerId,
            InferenceEngine engine,
            MeterRegistry meters,
            Supplier<OutputSafetyMonitor> safety,
            Duration coalesceWindow,
            boolean coalesce,
            ContentCipher cipher) {
        this.clients = clients;
        this.engine = engine;
        this.flusher = new ChunkFlusher(coalesceWindow, "sluice-chunk-flusher-" + workerId, coalesce);
        this.safety = safety;
        this.metrics = new WorkerMetrics(meters);
        this.consumer = clients.prompts();
        this.committer = new OffsetCommitter(consumer, offsets, settlements);
        this.cipher = cipher;
        this.intake = new PromptIntake(
                cipher, clients.deadLetters(), settlements, () -> stopping, () -> committer.drain(false));
        this.producer = clients.output();
        this.cancellations = new CancellationListener(clients.cancellations(), running);
    }

    public WorkerLoop start() {
        cancellations.start();
        consumer.subscribe(List.of(Topics.CHAT_PROMPTS.name()), new Rebalance());
        thread = Thread.ofPlatform().name("sluice-worker-loop").start(this::run);
        return this;
    }

    private void run() {
        try {
            while (!stopping) {
                committer.drain(false);
                beginHeld();
                // Raised before the slots are counted, so a response ending after the count still wakes the poll.
                waitingForSlot = true;
                boolean full = engine.slots() - running.size() <= 0;
                // Every slot busy (any held prompt waits for one): poll nothing more until one frees.
                if (full) consumer.pause(consumer.assignment());
                else consumer.resume(consumer.paused());
                waitingForSlot = full || !held.isEmpty();
                try {
                    ConsumerRecords<String, byte[]> polled = consumer.poll(POLL);
                    // One key-store query for the poll's new conversations, not one per prompt on this thread.
                    KeyPrefetch.of(cipher, polled);
                    polled.forEach(held::add);
                } catch (WakeupException e) {
                    if (stopping) throw e; // else a slot freed: go round
                }
                beginHeld();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("worker loop stopped: {}", e.toString(), e);
        } finally {
            committer.drain(true);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Begins held prompts, in order, while a slot is free. One poll may return up to
     * {@code slots} records though fewer slots are free; the rest wait here, not in the engine's
     * queue, so the engine never holds more than its slots (its queue-wait and running figures
     * stay true, and a cancel or a rebalance finds them not started). Not started means not in
     * the offsets: a crash or a revoked partition hands them to the next owner unanswered.
     */
    private void beginHeld() {
        while (!held.isEmpty() && running.size() < engine.slots()) begin(held.poll());
    }

    private void begin(ConsumerRecord<String, byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        offsets.started(tp, record.offset());
        PromptReady prompt = intake.open(record);
        if (prompt == null) return; // settled: nothing to generate
        MDC.put(LogKeys.REQUEST_ID, prompt.correlationId());
        long nextSeq = 1;
        try {
            if (cancellations.wasCancelled(prompt.correlationId())) {
                // Cancelled before it started: still end the stream, or the client waits for its idle timeout.
                producer.send(
                        new ProducerRecord<>(
                                Topics.CHAT_STREAM.name(),
                                prompt.correlationId(),
                                StreamEvent.done(prompt.correlationId(), 1, new Usage(0, 0), "cancelled", false)
                                        .scoped(prompt.conversationId(), prompt.userId())),
                        (md, e) -> settlements.settle(record, e));
                return;
            }
            ResponseHistory.Progress done = record.offset() < takeoverBelow.getOrDefault(tp, -1L)
                    ? clients.history().of(prompt.correlationId(), prompt.routedAtMs())
                    : ResponseHistory.Progress.NONE;
            if (done.finished()) {
                settlements.done(record);
                return;
            }
            nextSeq = done.lastSeq() + 1;
            if (done.lastSeq() > 0)
                log.info(
                        "taking over a response at seq {} ({} chars streamed)",
                        done.lastSeq(),
                        done.text().length());
            metrics.started(System.currentTimeMillis() - prompt.routedAtMs(), running.size() + 1);
            ResponseStreamer streamer = new ResponseStreamer(
                    prompt, done.lastSeq(), done.text(), producer, flusher, metrics, safety.get(), e -> {
                        running.remove(prompt.correlationId());
                        metrics.running.decrementAndGet();
                        settlements.settle(record, e);
                        if (waitingForSlot) consumer.wakeup();
                    });
            metrics.running.incrementAndGet();
            GenerationRequest request = new GenerationRequest(
                    prompt.correlationId(),
                    prompt.conversationId(),
                    prompt.prompt(),
                    prompt.messages(),
                    prompt.sampling(),
                    done.text());
            Generation generation = engine.submit(request, streamer);
            streamer.stopWith(generation::cancel);
            running.put(prompt.correlationId(), generation);
            // A cancel read after the check above but before this put found nothing to stop.
            if (cancellations.wasCancelled(prompt.correlationId())) generation.cancel();
        } catch (RuntimeException e) {
            // One prompt that cannot be started must not stop the loop: end its stream with an
            // error so its client is not left waiting, keep the record, and go on.
            log.error(
                    "cannot start {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString(), e);
            Consumer<@Nullable Exception> both = settlements.after(record, 2);
            intake.deadLetter(record, "worker could not start it: " + e, both);
            producer.send(
                    new ProducerRecord<>(
                            Topics.CHAT_STREAM.name(),
                            prompt.correlationId(),
                            StreamEvent.error(
                                            prompt.correlationId(),
                                            nextSeq,
                                            "server_error",
                                            "The worker could not start this response.")
                                    .scoped(prompt.conversationId(), prompt.userId())),
                    (md, ex) -> both.accept(ex));
        } finally {
            MDC.remove(LogKeys.REQUEST_ID);
        }
    }

    @Override
    public Map<String, Boolean> loops() {
        return Map.of("worker-loop", alive(), "cancellation-listener", cancellations.alive());
    }

    /** False once the loop thread died or an answer could not be written: what the worker's health reports. */
    public boolean alive() {
        return thread != null && thread.isAlive() && !settlements.failed();
    }

    public int runningCount() {
        return running.size();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            committer.drain(true);
            held.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
            partitions.forEach(offsets::forget);
            partitions.forEach(takeoverBelow::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.info("worker took partitions {}", partitions);
            takeoverBelow.putAll(consumer.endOffsets(partitions));
        }
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            if (thread != null) thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.values().forEach(Generation::cancel);
        flusher.close();
        cancellations.close();
        clients.closeAllButPrompts();
    }
}
