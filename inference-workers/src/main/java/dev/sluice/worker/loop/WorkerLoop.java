package dev.sluice.worker.loop;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.KeyDestroyedException;
import dev.sluice.schemas.crypto.KeysUnavailableException;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.event.StreamEvent;
import dev.sluice.schemas.event.Usage;
import dev.sluice.schemas.log.LogKeys;
import org.apache.kafka.clients.producer.ProducerRecord;
import dev.sluice.schemas.kafka.DeadLetterPublisher;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.lifecycle.LoopsReport;
import dev.sluice.schemas.serde.Json;
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
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Supplier;
import dev.sluice.guard.safety.OutputSafetyMonitor;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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

    private final Deserializer<PromptReady> prompts;
    private final ContentCipher cipher;

    private final InferenceEngine engine;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Producer<String, Object> producer;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Settlements settlements = new Settlements();
    private final Map<String, Generation> running = new ConcurrentHashMap<>();
    private final CancellationListener cancellations;
    private final WorkerMetrics metrics;
    private final Supplier<OutputSafetyMonitor> safety;
    private final DeadLetterPublisher deadLetters;
    private final StreamHistory history;
    private final ChunkFlusher flusher;
    /** Per partition, the end offset when this worker got it: prompts below it may have been started elsewhere. */
    private final Map<TopicPartition, Long> takeoverBelow = new HashMap<>();
    private static final long COMMIT_EVERY_NANOS = 100_000_000L;
    private long lastCommitNanos;
    private volatile boolean stopping;
    private Thread thread;

    /** The default coalescing window: see {@link ChunkCoalescer} and bench/results/tokenpath.md for how it was chosen. */
    public static final Duration DEFAULT_COALESCE_WINDOW = Duration.ofMillis(20);

    public WorkerLoop(String bootstrap, String workerId, InferenceEngine engine, MeterRegistry meters) {
        this(bootstrap, workerId, engine, meters, () -> null, DEFAULT_COALESCE_WINDOW);
    }

    /**
     * @param safety         a fresh output monitor per response (null for none)
     * @param coalesceWindow how long later tokens of a stream may wait to be merged into one event
     */
    public WorkerLoop(String bootstrap, String workerId, InferenceEngine engine, MeterRegistry meters, Supplier<OutputSafetyMonitor> safety,
                      Duration coalesceWindow) {
        this(bootstrap, workerId, engine, meters, safety, coalesceWindow, true, ContentCipher.DISABLED);
    }

    /** @param coalesce false: every piece of text is its own chunk event, sent at once */
    public WorkerLoop(String bootstrap, String workerId, InferenceEngine engine, MeterRegistry meters, Supplier<OutputSafetyMonitor> safety,
                      Duration coalesceWindow, boolean coalesce, ContentCipher cipher) {
        this.engine = engine;
        this.cipher = cipher;
        this.prompts = Topics.CHAT_PROMPTS.valueSerde(cipher).deserializer();
        this.flusher = new ChunkFlusher(coalesceWindow, "sluice-chunk-flusher-" + workerId, coalesce);
        this.safety = safety;
        this.metrics = new WorkerMetrics(meters);
        Properties props = KafkaClients.consumer(bootstrap, GROUP, "sluice-worker-" + workerId);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, engine.slots());
        // A dead worker's partitions move after this long; its unfinished prompts are taken over.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        // Generation can outlast the default 5 minutes between polls only if the loop stalls;
        // it polls every few ms, so the default protects against a truly hung worker.
        // Values are read as bytes and parsed here, so a record that cannot be read is
        // dead-lettered instead of failing every poll of its partition.
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        Serializer<StreamEvent> events = Topics.CHAT_STREAM.valueSerde(cipher).serializer();
        Serializer<CompletionRecorded> completions = Topics.CHAT_COMPLETIONS.valueSerde(cipher).serializer();
        this.producer = new KafkaProducer<>(KafkaClients.producer(bootstrap, "sluice-worker-" + workerId), new StringSerializer(),
                (topic, value) -> switch (value) {
                    case StreamEvent e -> events.serialize(topic, e);
                    case CompletionRecorded c -> completions.serialize(topic, c);
                    default -> Json.MAPPER.writeValueAsBytes(value);
                });
        this.cancellations = new CancellationListener(bootstrap, workerId, running);
        this.deadLetters = new DeadLetterPublisher(bootstrap, GROUP);
        this.history = new StreamHistory(bootstrap, workerId, cipher);
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
                drainFinished(false);
                int free = engine.slots() - running.size();
                if (free <= 0) consumer.pause(consumer.assignment());
                else consumer.resume(consumer.paused());
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                    begin(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("worker loop stopped: {}", e.toString(), e);
        } finally {
            drainFinished(true);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void begin(ConsumerRecord<String, byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        offsets.started(tp, record.offset());
        PromptReady prompt;
        try {
            prompt = record.value() == null ? null : open(record);
        } catch (KeyDestroyedException e) {
            // Erased while it waited: nothing may be generated from it, and its client asked for that.
            cipher.countShredded();
            settlements.done(record);
            return;
        } catch (RuntimeException e) {
            deadLetter(record, e.getMessage(), settlements.after(record, 1));
            return;
        }
        if (prompt == null) {
            settlements.done(record);
            return;
        }
        String unusable = PromptChecks.unusable(prompt);
        if (unusable != null) {
            // It parsed, but without these nothing can be generated or routed; left in, it would
            // throw out of this loop and stop the worker for every partition it owns.
            deadLetter(record, "unusable PromptReady: " + unusable, settlements.after(record, 1));
            return;
        }
        MDC.put(LogKeys.REQUEST_ID, prompt.correlationId());
        long nextSeq = 1;
        try {
            if (cancellations.wasCancelled(prompt.correlationId())) {
                // Cancelled before it started: still end the stream, or the client waits for its idle timeout.
                producer.send(new ProducerRecord<>(Topics.CHAT_STREAM.name(), prompt.correlationId(),
                        StreamEvent.done(prompt.correlationId(), 1, new Usage(0, 0), "cancelled", false).scoped(prompt.conversationId(), prompt.userId())),
                        (md, e) -> settlements.settle(record, e));
                return;
            }
            StreamHistory.Progress done = record.offset() < takeoverBelow.getOrDefault(tp, -1L)
                    ? history.of(prompt.correlationId(), prompt.routedAtMs()) : StreamHistory.Progress.NONE;
            if (done.finished()) {
                settlements.done(record);
                return;
            }
            nextSeq = done.lastSeq() + 1;
            if (done.lastSeq() > 0) log.info("taking over a response at seq {} ({} chars streamed)", done.lastSeq(), done.text().length());
            metrics.started(System.currentTimeMillis() - prompt.routedAtMs(), running.size() + 1);
            ResponseStreamer streamer = new ResponseStreamer(prompt, done.lastSeq(), done.text(), producer, flusher, metrics, safety.get(), e -> {
                running.remove(prompt.correlationId());
                metrics.running.decrementAndGet();
                settlements.settle(record, e);
            });
            metrics.running.incrementAndGet();
            GenerationRequest request = new GenerationRequest(prompt.correlationId(), prompt.conversationId(), prompt.prompt(),
                    prompt.messages(), prompt.sampling(), done.text());
            Generation generation = engine.submit(request, streamer);
            streamer.stopWith(generation::cancel);
            running.put(prompt.correlationId(), generation);
        } catch (RuntimeException e) {
            // One prompt that cannot be started must not stop the loop: end its stream with an
            // error so its client is not left waiting, keep the record, and go on.
            log.error("cannot start {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString(), e);
            Consumer<Exception> both = settlements.after(record, 2);
            deadLetter(record, "worker could not start it: " + e, both);
            producer.send(new ProducerRecord<>(Topics.CHAT_STREAM.name(), prompt.correlationId(),
                    StreamEvent.error(prompt.correlationId(), nextSeq, "server_error", "The worker could not start this response.")
                            .scoped(prompt.conversationId(), prompt.userId())),
                    (md, ex) -> both.accept(ex));
        } finally {
            MDC.remove(LogKeys.REQUEST_ID);
        }
    }

    /**
     * Opens a prompt, waiting out a key-store outage: dead-lettering it would lose an accepted
     * request. Streams already running go on meanwhile (their keys are cached).
     */
    private PromptReady open(ConsumerRecord<String, byte[]> record) {
        long backoffMs = 100;
        while (true) {
            try {
                return prompts.deserialize(record.topic(), record.value());
            } catch (KeysUnavailableException e) {
                if (stopping) throw e;
                log.warn("{}-{}@{}: data keys unavailable, retrying in {} ms: {}", record.topic(), record.partition(), record.offset(), backoffMs,
                        e.getMessage());
                drainFinished(false);
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoffMs = Math.min(5_000, backoffMs * 2);
            }
        }
    }

    /**
     * A dead letter is a produce like any other: the record's offset moves only once it is in
     * Kafka (it used to move at once, so a dead letter that failed lost the record for good).
     */
    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason, Consumer<Exception> done) {
        deadLetters.publish(record.topic(), record.partition(), record.offset(), record.key() == null ? null : record.key().getBytes(),
                record.value(), reason, done);
    }

    @Override
    public Map<String, Boolean> loops() {
        return Map.of("worker-loop", alive(), "cancellation-listener", cancellations.alive());
    }

    /** False once the loop thread died or an answer could not be written: what the worker's health reports. */
    public boolean alive() {
        return thread != null && thread.isAlive() && !settlements.failed();
    }

    /**
     * Moves the committed offsets past finished requests. Commits are asynchronous and at most
     * every {@link #COMMIT_EVERY_NANOS}: a synchronous commit per answer would stall the loop (and
     * so every prompt waiting to start) for a broker round trip each time. A crash between two
     * commits replays at most that window's prompts, and takeover skips the ones already answered.
     * Revocation and close commit synchronously, so a partition moves with its offsets.
     */
    private void drainFinished(boolean sync) {
        ConsumerRecord<String, byte[]> r;
        while ((r = settlements.poll()) != null) {
            offsets.finished(new TopicPartition(r.topic(), r.partition()), r.offset());
        }
        long now = System.nanoTime();
        if (!sync && now - lastCommitNanos < COMMIT_EVERY_NANOS) return;
        var commit = offsets.committable();
        if (commit.isEmpty()) return;
        lastCommitNanos = now;
        if (sync) {
            try {
                consumer.commitSync(commit, Duration.ofSeconds(10));
                offsets.markCommitted(commit);
            } catch (RuntimeException e) {
                log.warn("offset commit failed: {}", e.toString());
            }
            return;
        }
        consumer.commitAsync(commit, (done, e) -> {
            if (e == null) offsets.markCommitted(done);
            else log.warn("offset commit failed, will retry: {}", e.toString());
        });
    }

    public int runningCount() {
        return running.size();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drainFinished(true);
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
        history.close();
        deadLetters.close();
        producer.close(Duration.ofSeconds(5));
    }
}
