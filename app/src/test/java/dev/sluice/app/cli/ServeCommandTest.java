package dev.sluice.app.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServeCommandTest {

    @Test
    void serveRefusesDevModeBeforeStartingAnythingAndSaysHowToConfigureARealKey() {
        // Refused while the environment is prepared: no broker, database or port is touched.
        assertThatThrownBy(() -> ServeCommand.run(new String[] {
                    "--sluice.dev.enabled=true",
                    "--sluice.roles=gateway",
                    "--sluice.kafka.bootstrap=127.0.0.1:1",
                    "--server.port=0",
                    "--spring.main.banner-mode=off"
                }))
                .isInstanceOf(ServeCommand.DevModeRefusedException.class)
                .hasMessageContaining("refused by `serve`")
                .hasMessageContaining("./sluice dev")
                .hasMessageContaining("SLUICE_AUTH_JWKS_URI")
                .hasMessageContaining("SLUICE_AUTH_PUBLIC_KEY")
                .hasMessageContaining("sluice.auth.issuer")
                .hasMessageContaining("sluice.auth.audience");
    }

    @Test
    void devModeFromASystemPropertyIsRefusedToo() {
        System.setProperty("sluice.dev.enabled", "true");
        try {
            assertThatThrownBy(() -> ServeCommand.run(new String[] {"--sluice.roles=worker", "--server.port=0"}))
                    .isInstanceOf(ServeCommand.DevModeRefusedException.class);
        } finally {
            System.clearProperty("sluice.dev.enabled");
        }
    }
}
