package dev.sluice.persistence.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The audit stream ({@code sluice.cdc.*}, env {@code SLUICE_CDC_*}): Debezium reads PostgreSQL's
 * write-ahead log into {@code sluice.audit}.
 *
 * @param enabled            run the Debezium audit stream from PostgreSQL in the persistence role
 * @param offsetsReplication replication factor of Debezium's offsets topic ({@code sluice.cdc.offsets}) when it is created
 */
@ConfigurationProperties("sluice.cdc")
@Validated
public record AuditSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1") @Min(1) @Max(Short.MAX_VALUE) short offsetsReplication) {}
