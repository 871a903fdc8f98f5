package dev.sluice.worker;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The worker loop ({@code sluice.worker.*}, env {@code SLUICE_WORKER_*}); the engine's own
 * settings are {@code sluice.engine.*} ({@code EngineSettings}).
 *
 * @param coalesce       false: every token is its own {@code chat.stream} event (debugging; the browser tests, whose toy
 *                       model is faster than any real one)
 * @param coalesceWindow later tokens of a stream wait up to this long (or while the previous chunk is in flight) to share
 *                       one event; the first token never waits; 0 = merge only behind an in-flight produce
 */
@ConfigurationProperties("sluice.worker")
@Validated
public record WorkerSettings(
        @DefaultValue("true") boolean coalesce,
        @DefaultValue("20ms") @DurationMin(millis = 0) Duration coalesceWindow) {}
