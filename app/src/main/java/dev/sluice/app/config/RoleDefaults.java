package dev.sluice.app.config;

import dev.sluice.schemas.role.Roles;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that follow from the roles a served process runs. Only gateways (history, erasure)
 * and persistence migrate the schema and report the database in their health; a worker or
 * topology instance reads only data keys there (crypto-shredding, {@code sluice.crypto.*}), needs
 * no DDL rights, and must not be restarted by its orchestrator during a database outage: its
 * streams in flight finish on cached keys. Added last: any explicit setting still wins.
 */
public final class RoleDefaults {
    static final String SOURCE = "sluiceRoleDefaults";
    private static final Set<String> DATABASE_ROLES = Set.of("gateway", "persistence");

    public static void apply(ConfigurableEnvironment environment) {
        Set<String> roles = Arrays.stream(
                        environment.getProperty(Roles.PROPERTY, "").split(","))
                .map(String::strip)
                .collect(Collectors.toSet());
        if (roles.stream().noneMatch(DATABASE_ROLES::contains)) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            SOURCE,
                            Map.of(
                                    "spring.flyway.enabled", "false",
                                    "management.health.db.enabled", "false")));
        }
    }

    private RoleDefaults() {}
}
