package dev.sluice.persistence.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The persistence role's consumer groups ({@code sluice.persistence.*}, env {@code SLUICE_PERSISTENCE_*}).
 *
 * @param group      consumer group of the history sink ({@code chat.completions} to PostgreSQL)
 * @param cacheGroup consumer group of the response-cache sink ({@code chat.completions} to Redis)
 */
@ConfigurationProperties("sluice.persistence")
@Validated
public record PersistenceSettings(
        @DefaultValue("sluice-persistence") @NotBlank String group,
        @DefaultValue("sluice-response-cache") @NotBlank String cacheGroup) {}
