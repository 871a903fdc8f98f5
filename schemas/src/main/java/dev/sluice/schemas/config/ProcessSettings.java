package dev.sluice.schemas.config;

import jakarta.validation.Valid;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The process's own settings, directly under {@code sluice.}. The roles it runs
 * ({@code sluice.roles}) are read by {@code @ConditionalOnRole} before any bean exists, so they are
 * not here (see {@code dev.sluice.schemas.role.Roles}).
 *
 * @param instanceId names this process in Kafka client ids and consumer group members; the application's
 *                   properties make one from the host name and a random id
 * @param dataDir    dev data: broker log, Redis AOF, PostgreSQL, dev signing key, Streams state
 * @param dev        dev mode
 */
@ConfigurationProperties("sluice")
@Validated
public record ProcessSettings(
        @Nullable String instanceId,
        @DefaultValue(".sluice") Path dataDir,
        @DefaultValue @Valid Dev dev) {

    /** A required setting without a default: its absence is named here, with its variable, rather than as a bean's field. */
    public ProcessSettings {
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException(
                    "sluice.instance-id (SLUICE_INSTANCE_ID) is not set; application.properties sets it to "
                            + "${HOSTNAME:local}-${random.uuid}");
        }
    }

    @Override
    public String instanceId() {
        return java.util.Objects.requireNonNull(instanceId);
    }

    /**
     * @param enabled set by {@code ./sluice dev}: the gateway signs and verifies tokens with the dev key in the data
     *                directory and serves {@code /dev/token}; {@code serve} refuses to start with it
     */
    public record Dev(@DefaultValue("false") boolean enabled) {}
}
