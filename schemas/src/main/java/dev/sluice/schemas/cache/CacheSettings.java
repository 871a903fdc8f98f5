package dev.sluice.schemas.cache;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The response cache ({@code sluice.cache.*}, env {@code SLUICE_CACHE_*}): persistence writes it
 * with {@code ttl}, the topology looks answers up within {@code lookupTimeout}.
 *
 * @param ttl           how long an answer stays in the response cache
 * @param lookupTimeout the topology's Redis lookup budget per request (a timeout is a miss)
 */
@ConfigurationProperties("sluice.cache")
@Validated
public record CacheSettings(
        @DefaultValue("1h") @DurationMin(seconds = 1) Duration ttl,
        @DefaultValue("20ms") @DurationMin(millis = 1) Duration lookupTimeout) {}
