package dev.sluice.topology;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The topology's Kafka Streams application ({@code sluice.topology.*}, env {@code SLUICE_TOPOLOGY_*}).
 *
 * @param applicationId Kafka Streams application id: the consumer group and the prefix of the internal topics (the
 *                      ACLs in docs/security.md name it)
 * @param streamThreads Kafka Streams threads of this process. One thread runs the whole topology (guard,
 *                      history, templating) for the partitions it holds; with the learned guard on, its
 *                      encoder makes that thread the topology's limit, and a second thread on another core
 *                      takes half the partitions (more threads than partitions of chat.requests idle)
 */
@ConfigurationProperties("sluice.topology")
@Validated
public record StreamsSettings(@DefaultValue("sluice-topology") @NotBlank String applicationId,
                              @DefaultValue("1") @Min(1) @Max(64) int streamThreads) {
}
