package dev.sluice.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

class ShutdownWatchdogTest {

    @Test
    void aContextStillClosingAtTheLimitIsReportedAsStuck() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.refresh();
            assertThat(ShutdownWatchdog.awaitClosed(context, Duration.ofMillis(300)))
                    .isFalse();
            context.close();
            assertThat(ShutdownWatchdog.awaitClosed(context, Duration.ofMillis(300)))
                    .isTrue();
        }
    }

    @Test
    void theReportNamesTheLimitAndEveryThreadWithItsStack() throws Exception {
        Thread stuck = Thread.ofPlatform().name("stuck-close").daemon().start(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // test over
            }
        });
        try {
            while (stuck.getState() != Thread.State.TIMED_WAITING) Thread.onSpinWait();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ShutdownWatchdog.report(new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofSeconds(60));
            String report = bytes.toString(StandardCharsets.UTF_8);
            assertThat(report).startsWith("sluice: shutdown did not finish within 60 s");
            assertThat(report).contains("\"stuck-close\" daemon TIMED_WAITING").contains("java.lang.Thread.sleep");
        } finally {
            stuck.interrupt();
        }
    }
}
