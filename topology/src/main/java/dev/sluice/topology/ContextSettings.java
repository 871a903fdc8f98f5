package dev.sluice.topology;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The topology's conversation context store ({@code sluice.context.*}, env {@code SLUICE_CONTEXT_*}).
 * {@code maxBytes} is checked against its ceiling by {@code HistoryLimits}.
 *
 * @param ttl      idle conversations leave the topology's context store after this
 * @param maxTurns turns a conversation's stored history keeps (the oldest go first)
 * @param maxBytes bytes (JSON) a conversation's stored history keeps, and the largest message; at most 400KB, so no
 *                 state record passes Kafka's 1 MiB
 * @param maxConversations conversations kept per partition of {@code chat.requests} (6 by default); past it the
 *                 least recently used leave at the next expiry pass, as idle ones do. Every conversation, a
 *                 stateless request's too (its id can be continued), is held on the heap until {@code ttl}: about
 *                 5 KB per 400-token answer measured, up to {@code maxBytes} each
 */
@ConfigurationProperties("sluice.context")
@Validated
public record ContextSettings(
        @DefaultValue("24h") @DurationMin(seconds = 1) Duration ttl,
        @DefaultValue("200") @Min(2) int maxTurns,
        @DefaultValue("256KB") DataSize maxBytes,
        @DefaultValue("20000") @Min(1) int maxConversations) {}
