package dev.sluice.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParentWatchTest {

    @Test
    void runsOnceTheWatchedProcessIsKilled() throws Exception {
        Process parent = new ProcessBuilder("sleep", "60").start();
        try {
            CountDownLatch gone = new CountDownLatch(1);
            ParentWatch.onGone(parent.pid(), gone::countDown);
            assertThat(gone.await(300, TimeUnit.MILLISECONDS))
                    .as("not while it runs")
                    .isFalse();
            parent.destroyForcibly();
            assertThat(gone.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void watchesAProcessThatIsNotAChildOfThisOne() throws Exception {
        // The worker's parent is not its child: the watch must not rely on reaping it.
        Process shell = new ProcessBuilder("bash", "-c", "sleep 60 & echo $!; wait").start();
        try {
            long pid = Long.parseLong(shell.inputReader().readLine().strip());
            CountDownLatch gone = new CountDownLatch(1);
            ParentWatch.onGone(pid, gone::countDown);
            assertThat(gone.await(300, TimeUnit.MILLISECONDS))
                    .as("not while it runs")
                    .isFalse();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            assertThat(gone.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            shell.destroyForcibly();
        }
    }

    @Test
    void runsAtOnceWhenTheProcessIsAlreadyGone() throws Exception {
        Process parent = new ProcessBuilder("true").start();
        parent.waitFor();
        CountDownLatch gone = new CountDownLatch(1);
        ParentWatch.onGone(parent.pid(), gone::countDown);
        assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
