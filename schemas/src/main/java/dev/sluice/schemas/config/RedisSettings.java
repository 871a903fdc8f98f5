package dev.sluice.schemas.config;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Redis every role shares ({@code sluice.redis.*}, env {@code SLUICE_REDIS_*}): rate limits,
 * the stream registry, the response cache.
 *
 * @param url     {@code redis://host:port}
 * @param timeout Redis command timeout; a command that takes longer fails (Redis trouble never fails a chat)
 */
@ConfigurationProperties("sluice.redis")
@Validated
public record RedisSettings(
        @DefaultValue("redis://127.0.0.1:6379") @NotBlank String url,
        @DefaultValue("250ms") @DurationMin(millis = 1) Duration timeout) {}
