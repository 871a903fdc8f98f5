package dev.sluice.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

    @Test
    void plaintextByDefaultAddsOnlyTheProtocol() {
        assertThat(KafkaSecurity.of(null, null, null, null).clientProperties())
                .isEqualTo(Map.of("security.protocol", "PLAINTEXT"));
        assertThat(KafkaSecurity.NONE.authenticates()).isFalse();
    }

    @Test
    void scramUserSignsInWithAQuotedJaasLineAndTheMechanism() {
        Map<String, Object> p = KafkaSecurity.of("sasl_plaintext", null, "sluice-gateway", "pa\"ss\\word")
                .clientProperties();
        assertThat(p)
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(p.get("sasl.jaas.config"))
                .isEqualTo(
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"sluice-gateway\" password=\"pa\\\"ss\\\\word\";");
    }

    @Test
    void plainUsesThePlainLoginModule() {
        assertThat(KafkaSecurity.of("SASL_PLAINTEXT", "PLAIN", "kafka", "pw")
                        .clientProperties()
                        .get("sasl.jaas.config"))
                .asString()
                .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");
    }

    @Test
    void saslWithoutUserOrPasswordRefusesToStartNamingTheSettings() {
        assertThatThrownBy(() -> KafkaSecurity.of("SASL_PLAINTEXT", null, "sluice-worker", null))
                .hasMessageContaining("SLUICE_KAFKA_USERNAME")
                .hasMessageContaining("SLUICE_KAFKA_PASSWORD");
        assertThatThrownBy(() -> KafkaSecurity.of("SASL_PLAINTEXT", "GSSAPI", "u", "p"))
                .hasMessageContaining("SLUICE_KAFKA_SASL_MECHANISM");
        assertThatThrownBy(() -> KafkaSecurity.of("TLS", null, null, null))
                .hasMessageContaining("SLUICE_KAFKA_SECURITY_PROTOCOL");
    }

    @Test
    void theTextNeverCarriesThePassword() {
        assertThat(KafkaSecurity.of("SASL_PLAINTEXT", null, "sluice-worker", "s3cret")
                        .toString())
                .contains("sluice-worker")
                .doesNotContain("s3cret");
    }

    @Test
    void everyClientKafkaClientsMakesCarriesTheProcessSecurity() {
        KafkaSecurity before = KafkaClients.security();
        try {
            KafkaClients.useSecurity(KafkaSecurity.of("SASL_PLAINTEXT", null, "sluice-worker", "pw"));
            assertThat(KafkaClients.producer("b:9092", "p")).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
            assertThat(KafkaClients.consumer("b:9092", "g", "c")).containsEntry("security.protocol", "SASL_PLAINTEXT");
            assertThat(KafkaClients.admin("b:9092", "a")).containsKey("sasl.jaas.config");
        } finally {
            KafkaClients.useSecurity(before);
        }
    }
}
