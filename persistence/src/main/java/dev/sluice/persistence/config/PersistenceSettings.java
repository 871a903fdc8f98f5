package dev.sluice.persistence.config;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The persistence role's consumer groups and batching ({@code sluice.persistence.*}, env {@code SLUICE_PERSISTENCE_*}).
 *
 * @param group      consumer group of the history sink ({@code chat.completions} to PostgreSQL)
 * @param cacheGroup consumer group of the response-cache sink ({@code chat.completions} to Redis)
 * @param batchWait  how long each sink gathers completions into one write (0: write each fetch as it
 *                   comes; at most 5 s); a completion reaches PostgreSQL and Redis at most this much later
 */
@ConfigurationProperties("sluice.persistence")
@Validated
public record PersistenceSettings(
        @DefaultValue("sluice-persistence") @NotBlank String group,
        @DefaultValue("sluice-response-cache") @NotBlank String cacheGroup,

        @DefaultValue("100ms") @DurationMin(millis = 0) @DurationMax(seconds = 5)
        Duration batchWait) {}
