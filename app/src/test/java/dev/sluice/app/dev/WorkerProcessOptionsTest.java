package dev.sluice.app.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerProcessOptionsTest {

    @Test
    void theWorkerStartsFromTheParentsAotCacheButNeverWritesOne() {
        assertThat(WorkerProcess.jvmOptionsForChild(List.of(
                        "--enable-native-access=ALL-UNNAMED", "-XX:AOTCache=/x/sluice.aot", "-Xlog:aot=off", "-Xmx2g")))
                .containsExactly("-XX:AOTCache=/x/sluice.aot", "-Xlog:aot=off");
        assertThat(WorkerProcess.jvmOptionsForChild(
                        List.of("-XX:AOTCacheOutput=/x/sluice.aot", "-XX:AOTConfiguration=/x/sluice.aotconf")))
                .as("a training run's output stays the parent's")
                .isEmpty();
    }
}
