package dev.sluice.schemas.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A loop that dies says so in the log, with its cause, and stops reporting itself alive; a closed one is not a failure. */
class BackgroundLoopTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(BackgroundLoop.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
    }

    @Test
    void aStepThatThrowsStopsTheLoopLogsTheCauseAndTurnsItNotAlive() throws Exception {
        AtomicInteger turns = new AtomicInteger();
        CountDownLatch exited = new CountDownLatch(1);
        BackgroundLoop loop = new BackgroundLoop(
                        "test-loop",
                        "nothing is counted any more",
                        () -> {
                            if (turns.incrementAndGet() == 3) throw new IllegalStateException("broker said no");
                        },
                        exited::countDown)
                .start();

        assertThat(exited.await(30, TimeUnit.SECONDS)).as("cleanup ran on exit").isTrue();
        loop.join(5_000);

        assertThat(loop.alive()).isFalse();
        assertThat(loop.failure()).isInstanceOf(IllegalStateException.class).hasMessage("broker said no");
        assertThat(turns.get()).isEqualTo(3);
        ILoggingEvent error = logs.list.stream()
                .filter(e -> e.getLevel() == Level.ERROR)
                .findFirst()
                .orElseThrow();
        assertThat(error.getFormattedMessage())
                .contains("test-loop stopped")
                .contains("broker said no")
                .contains("nothing is counted any more");
        assertThat(error.getThrowableProxy()).as("the stack is logged").isNotNull();
        assertThat(error.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void anErrorStopsItTooInsteadOfKillingTheThreadSilently() throws Exception {
        CountDownLatch exited = new CountDownLatch(1);
        BackgroundLoop loop = new BackgroundLoop(
                        "deep-loop",
                        "x",
                        () -> {
                            throw new StackOverflowError("too deep");
                        },
                        exited::countDown)
                .start();

        assertThat(exited.await(30, TimeUnit.SECONDS)).isTrue();
        loop.join(5_000);

        assertThat(loop.alive()).isFalse();
        assertThat(loop.failure()).isInstanceOf(StackOverflowError.class);
        assertThat(logs.list)
                .anyMatch(e ->
                        e.getLevel() == Level.ERROR && e.getFormattedMessage().contains("deep-loop stopped"));
    }

    @Test
    void aWakeupWhileRunningIsAFailureButAfterStopItIsAClose() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        BackgroundLoop woken = new BackgroundLoop(
                        "woken",
                        "x",
                        () -> {
                            throw new WakeupException();
                        },
                        first::countDown)
                .start();
        assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
        woken.join(5_000);
        assertThat(woken.failure()).as("nobody asked it to stop").isInstanceOf(WakeupException.class);

        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch exited = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean woke = new java.util.concurrent.atomic.AtomicBoolean();
        BackgroundLoop closing = new BackgroundLoop(
                        "closing",
                        "x",
                        () -> {
                            running.countDown();
                            // What consumer.wakeup() in close() does to a blocked poll after stop().
                            if (woke.get()) throw new WakeupException();
                            Thread.sleep(5);
                        },
                        exited::countDown)
                .start();
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        closing.stop();
        woke.set(true);
        assertThat(exited.await(30, TimeUnit.SECONDS)).isTrue();
        closing.join(5_000);

        assertThat(closing.alive()).isFalse();
        assertThat(closing.failure()).as("a requested stop").isNull();
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("closing stopped"));
    }

    @Test
    void itIsNotAliveBeforeItStarted() {
        BackgroundLoop loop = new BackgroundLoop("idle", "x", () -> Thread.sleep(Duration.ofMillis(1)), () -> {});
        assertThat(loop.alive()).isFalse();
        assertThat(loop.failure()).isNull();
    }
}
