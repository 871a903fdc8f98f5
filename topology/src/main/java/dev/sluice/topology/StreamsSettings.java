package dev.sluice.topology;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The topology's Kafka Streams application ({@code sluice.topology.*}, env {@code SLUICE_TOPOLOGY_*}).
 *
 * @param applicationId Kafka Streams application id: the consumer group and the prefix of the internal topics (the
 *                      ACLs in docs/security.md name it)
 */
@ConfigurationProperties("sluice.topology")
@Validated
public record StreamsSettings(@DefaultValue("sluice-topology") @NotBlank String applicationId) {
}
