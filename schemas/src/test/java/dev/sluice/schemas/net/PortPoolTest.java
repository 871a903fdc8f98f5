package dev.sluice.schemas.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.net.PortPool.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortPoolTest {

    @Test
    void leavesOutTheEphemeralRangeReadFromTheKernelFile(@TempDir Path dir) throws Exception {
        Path range = Files.writeString(dir.resolve("ip_local_port_range"), "32768\t60999\n");

        PortPool pool = PortPool.fromKernel(range);

        assertThat(pool.spans()).containsExactly(new Span(20_000, 32_767), new Span(61_000, 65_535));
        assertThat(pool.size()).isEqualTo(12_768 + 4_536);
        assertThat(pool.contains(32_768)).isFalse();
        assertThat(pool.contains(60_999)).isFalse();
        assertThat(pool.contains(19_092))
                .as("dev mode's fixed ports stay below the pool")
                .isFalse();
        assertThat(pool.at(0)).isEqualTo(20_000);
        assertThat(pool.at(12_768)).isEqualTo(61_000);
        assertThat(pool.at(pool.size() - 1)).isEqualTo(65_535);
    }

    @Test
    void everyIndexMapsIntoThePoolAndNeverIntoTheEphemeralRange() {
        PortPool pool = PortPool.outside(new Span(40_000, 50_000));

        for (int i = 0; i < pool.size(); i++) {
            int port = pool.at(i);
            assertThat(port).isBetween(PortPool.LOWEST, PortPool.HIGHEST);
            assertThat(port < 40_000 || port > 50_000).as("port %d", port).isTrue();
        }
    }

    @Test
    void aKernelThatLendsAlmostEveryPortLeavesTheWholeRangeToRetries() {
        PortPool pool = PortPool.outside(new Span(1_024, 65_000));

        assertThat(pool.spans()).containsExactly(new Span(PortPool.LOWEST, PortPool.HIGHEST));
    }

    @Test
    void anUnreadableRangeFallsBackToLinuxDefaults(@TempDir Path dir) throws Exception {
        assertThat(PortPool.ephemeral(dir.resolve("missing"))).isEqualTo(new Span(32_768, 60_999));
        assertThat(PortPool.ephemeral(Files.writeString(dir.resolve("garbage"), "n/a")))
                .isEqualTo(new Span(32_768, 60_999));
        assertThat(PortPool.outside(PortPool.ephemeral(dir.resolve("missing"))).spans())
                .hasSize(2);
        assertThat(List.of(PortPool.ephemeral(Files.writeString(dir.resolve("tuned"), "10000 30000"))))
                .containsExactly(new Span(10_000, 30_000));
    }
}
