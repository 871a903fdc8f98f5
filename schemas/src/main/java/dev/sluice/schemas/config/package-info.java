/**
 * The settings every role shares: how to reach Kafka ({@code sluice.kafka.*}) and Redis
 * ({@code sluice.redis.*}), and the process's own ({@code sluice.instance-id},
 * {@code sluice.data-dir}, {@code sluice.dev.enabled}). Each group is an immutable
 * {@code @ConfigurationProperties} record, validated at start; a module's own settings live in
 * that module (see docs/architecture.md, "A setting").
 */
@NullMarked
package dev.sluice.schemas.config;

import org.jspecify.annotations.NullMarked;
