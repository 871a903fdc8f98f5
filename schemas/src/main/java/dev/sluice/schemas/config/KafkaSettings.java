package dev.sluice.schemas.config;

import dev.sluice.schemas.kafka.KafkaSecurity;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How every role reaches Kafka ({@code sluice.kafka.*}, env {@code SLUICE_KAFKA_*}).
 *
 * @param bootstrap        Kafka bootstrap servers, comma-separated {@code host:port}
 * @param replication      replication factor of the topics Sluice creates (3 in production)
 * @param partitions       partitions of the chat topics when created
 * @param createTopics     create missing topics at start; false where {@code sluice kafka-setup} creates them and
 *                         the roles' ACLs allow no topic creation
 * @param securityProtocol {@code PLAINTEXT}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}: every Kafka client of the
 *                         process signs in with it
 * @param saslMechanism    with SASL: {@code SCRAM-SHA-512} (or {@code -256}); {@code PLAIN} only for the brokers' own user
 * @param username         this role's Kafka user (required with SASL)
 * @param password         this role's Kafka password (required with SASL)
 */
@ConfigurationProperties("sluice.kafka")
@Validated
public record KafkaSettings(
        @DefaultValue("127.0.0.1:9092") @NotBlank String bootstrap,
        @DefaultValue("1") @Min(1) @Max(Short.MAX_VALUE) short replication,
        @DefaultValue("6") @Min(1) int partitions,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("PLAINTEXT") String securityProtocol,
        @DefaultValue("SCRAM-SHA-512") String saslMechanism,
        @Nullable String username,
        @Nullable String password) {

    /** The sign-in every client of the process uses; checked here, so a missing password is one clear message at start. */
    public KafkaSecurity security() {
        return KafkaSecurity.of(securityProtocol, saslMechanism, username, password);
    }

    /** The password stays out of logs and failure reports. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrap=" + bootstrap + ", replication=" + replication + ", partitions=" + partitions
                + ", createTopics=" + createTopics + ", securityProtocol=" + securityProtocol + ", saslMechanism="
                + saslMechanism
                + ", username=" + username + ", password=" + (password == null ? "unset" : "***") + "]";
    }
}
