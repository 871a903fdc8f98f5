package dev.sluice.app.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dev mode's fixed ports (19092, 16379, 15432), exercised on reserved stand-ins so no test depends on what runs here. */
class DevPortTest {
    private static final String SETTING = "SLUICE_DEV_KAFKA_PORT";

    @Test
    void aFreeDefaultPortIsUsedAsIs() {
        try (PortReservation free = LocalPorts.reserve()) {
            List<String> notices = new ArrayList<>();

            int port = DevPort.choose("the broker", free.port(), SETTING, Map.<String, String>of()::get, notices::add);

            assertThat(port).isEqualTo(free.port());
            assertThat(notices).isEmpty();
        }
    }

    @Test
    void aBusyDefaultGivesWayToAFreePortAndSaysWhichPortAndSetting() throws Exception {
        try (PortReservation r = LocalPorts.reserve();
                ServerSocket busy = new ServerSocket(r.port(), 1, InetAddress.getLoopbackAddress())) {
            List<String> notices = new ArrayList<>();

            int port = DevPort.choose("the broker", r.port(), SETTING, Map.<String, String>of()::get, notices::add);

            assertThat(port).as("0: the server takes any free port").isZero();
            assertThat(notices).singleElement().asString().contains("port " + r.port(), "in use", SETTING);
        }
    }

    @Test
    void aBusyPortTheUserSetIsAnErrorNamingThePortAndTheSetting() throws Exception {
        try (PortReservation r = LocalPorts.reserve();
                ServerSocket busy = new ServerSocket(r.port(), 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> DevPort.choose(
                            "the broker", 19092, SETTING, Map.of(SETTING, Integer.toString(r.port()))::get, n -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("port " + r.port())
                    .hasMessageContaining("in use")
                    .hasMessageContaining(SETTING);
        }
    }

    @Test
    void aSetPortIsUsedAndZeroMeansAnyFreePort() {
        try (PortReservation free = LocalPorts.reserve()) {
            assertThat(DevPort.choose(
                            "the broker", 19092, SETTING, Map.of(SETTING, " " + free.port() + " ")::get, n -> {}))
                    .isEqualTo(free.port());
        }
        assertThat(DevPort.choose("the broker", 19092, SETTING, Map.of(SETTING, "0")::get, n -> {}))
                .isZero();
    }

    @Test
    void aSetPortThatIsNoPortNumberIsNamed() {
        for (String bad : List.of("kafka", "-1", "70000")) {
            assertThatThrownBy(() -> DevPort.choose("the broker", 19092, SETTING, Map.of(SETTING, bad)::get, n -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(SETTING)
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void devModesDefaultsAndSettings() {
        assertThat(DevPort.KAFKA.preferred()).isEqualTo(19092);
        assertThat(DevPort.REDIS.preferred()).isEqualTo(16379);
        assertThat(DevPort.POSTGRES.preferred()).isEqualTo(15432);
        assertThat(List.of(DevPort.KAFKA.setting(), DevPort.REDIS.setting(), DevPort.POSTGRES.setting()))
                .containsExactly("SLUICE_DEV_KAFKA_PORT", "SLUICE_DEV_REDIS_PORT", "SLUICE_DEV_DB_PORT");
    }
}
