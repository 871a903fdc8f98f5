package dev.sluice.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The refusals that happen before any broker is contacted (the run against brokers is in ComposeBootTest). */
class KafkaSetupCommandTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env) {
        return KafkaSetupCommand.run(
                env::get,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void withoutBrokersItSaysWhichSettingIsMissing() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("SLUICE_KAFKA_BOOTSTRAP");
    }

    @Test
    void aRoleWithoutAPasswordIsRefusedNamingItsVariableAndUser() {
        Map<String, String> env = new HashMap<>(Map.of("SLUICE_KAFKA_BOOTSTRAP", "127.0.0.1:1"));
        for (String role : KafkaAccess.ROLES) env.put(KafkaSetupCommand.passwordVariable(role), "pw-" + role);
        env.remove("SLUICE_KAFKA_WORKER_PASSWORD");
        assertThat(run(env)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("SLUICE_KAFKA_WORKER_PASSWORD", "sluice-worker");
    }

    @Test
    void saslWithoutItsOwnUserIsRefusedBeforeConnecting() {
        Map<String, String> env = new HashMap<>(
                Map.of("SLUICE_KAFKA_BOOTSTRAP", "127.0.0.1:1", "SLUICE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"));
        for (String role : KafkaAccess.ROLES) env.put(KafkaSetupCommand.passwordVariable(role), "pw-" + role);
        assertThat(run(env)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("SLUICE_KAFKA_USERNAME", "SLUICE_KAFKA_PASSWORD");
    }
}
