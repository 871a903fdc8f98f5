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
 * @param streamThreads Kafka Streams threads of this process. A thread runs the whole topology (guard,
 *                      history, templating) for the partitions it holds. Two by default: at 100 req/s on 2
 *                      vCPUs the hop's p50 fell from 5.5 to 3.7 ms (rules alone) and from 6.0 to 3.2 ms with
 *                      the learned guard (bench/results/topology-learned.md); more threads than partitions of
 *                      chat.requests idle
 */
@ConfigurationProperties("sluice.topology")
@Validated
public record StreamsSettings(
        @DefaultValue("sluice-topology") @NotBlank String applicationId,
        @DefaultValue("2") @Min(1) @Max(64) int streamThreads) {}
