package dev.sluice.worker.loop;

import dev.sluice.schemas.crypto.ContentCipher;
import dev.sluice.schemas.crypto.KeyDestroyedException;
import dev.sluice.schemas.crypto.KeysUnavailableException;
import dev.sluice.schemas.event.PromptReady;
import dev.sluice.schemas.kafka.DeadLetterPublisher;
import dev.sluice.schemas.kafka.FailureReasons;
import dev.sluice.schemas.lifecycle.Backoff;
import dev.sluice.schemas.topic.Topics;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WorkerLoop}'s first look at a {@code chat.prompts} record it begins: opens it
 * (waiting out a key-store outage) and settles the records nothing may be generated from. A
 * tombstone, or a prompt whose conversation was erased while it waited, is done; one that cannot
 * be read, or that lacks what generation and routing need, is dead-lettered. Loop thread only.
 */
final class PromptIntake {
    private static final Logger log = LoggerFactory.getLogger(PromptIntake.class);

    private final Deserializer<PromptReady> prompts;
    private final ContentCipher cipher;
    private final DeadLetterPublisher deadLetters;
    private final Settlements settlements;
    private final BooleanSupplier stopping;
    private final Runnable whileWaiting;

    /**
     * @param stopping     true once the loop is closing: a key-store outage is then no longer waited out
     * @param whileWaiting run before each wait for the key store (the loop commits what is settled)
     */
    PromptIntake(
            ContentCipher cipher,
            DeadLetterPublisher deadLetters,
            Settlements settlements,
            BooleanSupplier stopping,
            Runnable whileWaiting) {
        this.prompts = Topics.CHAT_PROMPTS.valueSerde(cipher).deserializer();
        this.cipher = cipher;
        this.deadLetters = deadLetters;
        this.settlements = settlements;
        this.stopping = stopping;
        this.whileWaiting = whileWaiting;
    }

    /** The prompt to generate from, or null when the record is settled here (done or dead-lettered). */
    @Nullable
    PromptReady open(ConsumerRecord<String, byte[]> record) {
        PromptReady prompt;
        try {
            prompt = record.value() == null ? null : read(record);
        } catch (KeyDestroyedException e) {
            // Erased while it waited: nothing may be generated from it, and its client asked for that.
            cipher.countShredded();
            settlements.done(record);
            return null;
        } catch (RuntimeException e) {
            // Its message when it has one (a dead letter always says why), else what FailureReasons makes of it.
            String message = e.getMessage();
            deadLetter(record, message != null ? message : FailureReasons.describe(e), settlements.after(record, 1));
            return null;
        }
        if (prompt == null) {
            settlements.done(record);
            return null;
        }
        String unusable = PromptChecks.unusable(prompt);
        if (unusable != null) {
            // It parsed, but without these nothing can be generated or routed; left in, it would
            // throw out of the loop and stop the worker for every partition it owns.
            deadLetter(record, "unusable PromptReady: " + unusable, settlements.after(record, 1));
            return null;
        }
        return prompt;
    }

    /**
     * Reads a prompt, waiting out a key-store outage: dead-lettering it would lose an accepted
     * request. Streams already running go on meanwhile (their keys are cached).
     */
    private PromptReady read(ConsumerRecord<String, byte[]> record) {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        while (true) {
            try {
                return prompts.deserialize(record.topic(), record.value());
            } catch (KeysUnavailableException e) {
                if (stopping.getAsBoolean()) throw e;
                Duration wait = backoff.next();
                log.warn(
                        "{}-{}@{}: data keys unavailable, retrying in {} ms: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        wait.toMillis(),
                        e.getMessage());
                whileWaiting.run();
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * A dead letter is a produce like any other: the record's offset moves only once it is in
     * Kafka (it used to move at once, so a dead letter that failed lost the record for good).
     */
    void deadLetter(ConsumerRecord<String, byte[]> record, String reason, Consumer<@Nullable Exception> done) {
        deadLetters.publish(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key() == null ? null : record.key().getBytes(),
                record.value(),
                reason,
                done);
    }
}
