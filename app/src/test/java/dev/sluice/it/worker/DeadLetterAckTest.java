package dev.sluice.it.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.TestStack;
import dev.sluice.schemas.kafka.DeadLetterPublisher;
import dev.sluice.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The worker commits past a dead-lettered prompt only when the dead letter is acknowledged: the
 * publisher must report both outcomes. A dead letter the producer cannot send (larger than its
 * 1 MiB request limit) reaches the callback as a failure; a normal one as success. Real broker.
 */
class DeadLetterAckTest {

    @Test
    void theCallbackHearsBothAcknowledgementAndFailure() throws Exception {
        TestStack stack = TestStack.get();
        try (DeadLetterPublisher publisher =
                new DeadLetterPublisher(stack.property("sluice.kafka.bootstrap"), "dead-letter-ack-test")) {
            CompletableFuture<Exception> ok = new CompletableFuture<>();
            publisher.publish(
                    Topics.CHAT_PROMPTS.name(),
                    0,
                    1L,
                    "k".getBytes(StandardCharsets.UTF_8),
                    "v".getBytes(StandardCharsets.UTF_8),
                    "unreadable",
                    e -> ok.complete(e));
            assertThat(ok.get(60, TimeUnit.SECONDS)).as("acknowledged").isNull();

            CompletableFuture<Exception> failed = new CompletableFuture<>();
            publisher.publish(
                    Topics.CHAT_PROMPTS.name(),
                    0,
                    2L,
                    "k".repeat(2 * 1024 * 1024).getBytes(StandardCharsets.UTF_8),
                    "v".getBytes(StandardCharsets.UTF_8),
                    "unreadable",
                    e -> failed.complete(e));
            assertThat(failed.get(60, TimeUnit.SECONDS))
                    .as("a dead letter over the request limit")
                    .isNotNull();
        }
    }
}
