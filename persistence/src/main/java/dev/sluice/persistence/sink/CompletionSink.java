package dev.sluice.persistence.sink;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.KeyDestroyedException;
import dev.sluice.schemas.crypto.KeyPrefetch;
import dev.sluice.schemas.crypto.KeysUnavailableException;
import dev.sluice.schemas.event.CompletionRecorded;
import dev.sluice.schemas.event.DeadLetter;
import dev.sluice.schemas.kafka.FailureReasons;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.lifecycle.Backoff;
import dev.sluice.schemas.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code chat.completions} in its own group and hands each poll to one
 * {@link CompletionWriter} as one batch. Offsets are committed only after the writer returned,
 * so a crash or an outage replays the batch instead of losing it; writers are idempotent, so
 * the replay changes nothing.
 *
 * <p>A store that is down does not stop the loop: the sink rewinds to the batch's first offsets,
 * backs off (doubling up to a ceiling) and tries again, which is how it waits out a database
 * restart and then catches up. A store that refuses one record (PostgreSQL rejecting a value)
 * does not stall the rest: {@link IsolatingWriter} splits the batch until the refused record
 * stands alone, retries it alone a bounded number of times, and it is dead-lettered. It runs on its own thread and group, so nothing on the chat
 * path waits for it. A record that cannot be read goes to {@code chat.deadletter} with the
 * reason, and the partition moves on.
 */
public final class CompletionSink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CompletionSink.class);
    /** Enough completions (~1-2 KB each) that a fetch is answered early only under a heavy backlog. */
    static final int BATCH_BYTES = 1 << 20;

    private final String name;
    private final SinkSettings settings;
    private final CompletionWriter writer;
    private final Consumer<String, byte[]> consumer;
    private final SinkCommits commits;
    private final ContentCipher cipher;
    private final Deserializer<CompletionRecorded> completions;
    private final SinkDeadLetters deadLetters;
    private final Thread thread;
    private volatile boolean running;
    private final SinkMetrics metrics;

    /** @param name short name used for the thread, client ids and the {@code sink} metric tag */
    public CompletionSink(String name, SinkSettings settings, CompletionWriter writer, MeterRegistry registry) {
        this(name, settings, writer, registry, ContentCipher.DISABLED);
    }

    /** @param cipher opens the completions' sealed content; an erased conversation's are skipped */
    public CompletionSink(
            String name, SinkSettings settings, CompletionWriter writer, MeterRegistry registry, ContentCipher cipher) {
        this(
                name,
                settings,
                writer,
                registry,
                cipher,
                consumer(name, settings),
                new KafkaProducer<>(
                        KafkaClients.producer(settings.bootstrap(), "sluice-" + name + "-dlq"),
                        new StringSerializer(),
                        Topics.DEAD_LETTER.valueSerde().serializer()));
    }

    /** Over given clients (a test's mock consumer and producer); the sink closes them. */
    CompletionSink(
            String name,
            SinkSettings settings,
            CompletionWriter writer,
            MeterRegistry registry,
            ContentCipher cipher,
            Consumer<String, byte[]> consumer,
            Producer<String, DeadLetter> deadLetters) {
        this.name = name;
        this.cipher = cipher;
        this.completions = Topics.CHAT_COMPLETIONS.valueSerde(cipher).deserializer();
        this.settings = settings;
        this.writer = new IsolatingWriter(writer, settings.isolatedAttempts(), settings.initialBackoff());
        this.consumer = consumer;
        this.commits = new SinkCommits(name, consumer);
        this.thread = Thread.ofPlatform().name("sluice-" + name).daemon().unstarted(this::run);
        this.metrics = SinkMetrics.register(name, registry);
        this.deadLetters = new SinkDeadLetters(name, settings.groupId(), deadLetters, metrics.deadLettered());
    }

    private static Consumer<String, byte[]> consumer(String name, SinkSettings settings) {
        Properties c = KafkaClients.consumer(settings.bootstrap(), settings.groupId(), "sluice-" + name);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        if (!settings.batchWait().isZero()) {
            // The broker holds each fetch until a batch's worth of bytes is there or batchWait passed, so a
            // sink polls, decodes and writes (one transaction: ~7 statements and an fsync) about ten times a
            // second at any rate, instead of once per completion. fetch.max.wait.ms alone would not batch:
            // with fetch.min.bytes 1 the broker answers at the first record whatever the wait.
            c.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, BATCH_BYTES);
            c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int)
                    settings.batchWait().toMillis());
        }
        // Otherwise fetch.max.wait.ms stays at KafkaClients' 500 (an idle sink's fetch) and min bytes at 1.
        return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public void start() {
        running = true;
        thread.start();
    }

    /**
     * False once the sink's thread ended while it should run (it logged why): nothing is stored
     * any more, so health turns DOWN and the process is restarted. True before start and after close.
     */
    public boolean alive() {
        return !running || thread.isAlive();
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        boolean started = running;
        running = false;
        if (started) {
            consumer.wakeup();
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ZERO);
        }
        deadLetters.close();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.CHAT_COMPLETIONS.name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                    commits.revoked(revoked);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> assigned) {}
            });
            Backoff backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    commits.ifDue();
                    continue;
                }
                try {
                    KeyPrefetch.of(cipher, records);
                    process(records);
                    commits.written(records);
                    backoff.reset();
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    metrics.writeFailures().increment();
                    Duration wait = backoff.next();
                    log.warn(
                            "sink {}: writing {} completions failed, retrying in {} ms: {}",
                            name,
                            records.count(),
                            wait.toMillis(),
                            writer.describe(e));
                    rewind(records);
                    pause(wait);
                }
            }
        } catch (WakeupException e) {
            if (running) log.error("sink {} woken up unexpectedly", name, e);
        } catch (RuntimeException e) {
            log.error(
                    "sink {} stopped, nothing more is stored by it and health reports DOWN: {}",
                    name,
                    FailureReasons.describe(e));
        } finally {
            try {
                // Positions are past written batches only (a failed batch was rewound), so
                // they are safe to commit; this settles any asynchronous commit still pending.
                consumer.commitSync(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.info(
                        "sink {}: final offset commit failed ({}); the last batch will be replayed",
                        name,
                        e.toString());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void process(ConsumerRecords<String, byte[]> records) throws Exception {
        List<CompletionRecorded> batch = new ArrayList<>(records.count());
        Map<String, ConsumerRecord<String, byte[]>> origin = new HashMap<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String problem;
            try {
                CompletionRecorded completion = completions.deserialize(record.topic(), record.value());
                problem = CompletionValidation.problemWith(completion);
                if (problem == null) {
                    batch.add(completion);
                    origin.put(completion.correlationId(), record);
                    continue;
                }
            } catch (KeyDestroyedException e) {
                // Erased before it was stored: there is nothing to store, and it must not come back.
                cipher.countShredded();
                continue;
            } catch (KeysUnavailableException e) {
                throw e; // an outage: the batch is rewound and retried, like a database outage
            } catch (RuntimeException e) {
                // The serde says why without quoting the record; anything else is named, not quoted.
                String message = e.getMessage();
                problem = e instanceof SerializationException && message != null
                        ? message
                        : "cannot read CompletionRecorded: " + FailureReasons.describe(e);
            }
            sent.add(deadLetters.send(record, problem));
        }
        if (!batch.isEmpty()) {
            long start = System.nanoTime();
            List<CompletionWriter.Rejected> rejected = writer.write(batch);
            metrics.writeTime().record(Duration.ofNanos(System.nanoTime() - start));
            metrics.batchSize().record(batch.size());
            metrics.stored().increment(batch.size() - rejected.size());
            for (CompletionWriter.Rejected r : rejected) {
                sent.add(deadLetters.send(
                        Objects.requireNonNull(
                                origin.get(r.completion().correlationId()),
                                "a rejected completion is one of the batch"),
                        r.reason()));
            }
        }
        // The dead letters must be in Kafka before the offsets move past their records.
        deadLetters.awaitAll(sent);
    }

    /** Puts every partition of the batch back to its first record, so the next poll retries it. */
    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            if (consumer.assignment().contains(tp))
                consumer.seek(tp, records.records(tp).getFirst().offset());
        }
    }

    private void pause(Duration backoff) {
        long until = System.nanoTime() + backoff.toNanos();
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
