package dev.sluice.worker.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

/**
 * A prompt's offset may move only once every produce made for it (answer, error event, dead
 * letter) is acknowledged; one failure keeps it and reports the worker not alive.
 */
class SettlementsTest {
    private final ConsumerRecord<String, byte[]> record =
            new ConsumerRecord<>("chat.prompts", 3, 42L, "conv", new byte[0]);

    @Test
    void aFailedDeadLetterKeepsTheOffsetAndReportsTheFailure() {
        Settlements settlements = new Settlements();

        settlements.after(record, 1).accept(new RecordTooLargeException("dead letter too large"));

        assertThat(settlements.poll()).as("nothing committable").isNull();
        assertThat(settlements.failed()).isTrue();
    }

    @Test
    void aRecordWithTwoProducesIsFinishedOnlyWhenBothAreAcknowledged() {
        Settlements settlements = new Settlements();
        Consumer<Exception> both = settlements.after(record, 2);

        both.accept(null);
        assertThat(settlements.poll()).as("after the first of two").isNull();
        both.accept(null);

        assertThat(settlements.poll()).isSameAs(record);
        assertThat(settlements.failed()).isFalse();
    }

    @Test
    void oneFailureOfTwoKeepsTheOffsetWhicheverComesFirst() {
        Settlements first = new Settlements();
        Consumer<Exception> failsFirst = first.after(record, 2);
        failsFirst.accept(new RecordTooLargeException("x"));
        failsFirst.accept(null);

        Settlements last = new Settlements();
        Consumer<Exception> failsLast = last.after(record, 2);
        failsLast.accept(null);
        failsLast.accept(new RecordTooLargeException("x"));

        assertThat(first.poll()).isNull();
        assertThat(last.poll()).isNull();
        assertThat(first.failed()).isTrue();
        assertThat(last.failed()).isTrue();
    }
}
