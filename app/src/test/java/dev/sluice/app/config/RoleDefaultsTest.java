package dev.sluice.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RoleDefaultsTest {

    private static StandardEnvironment env(Map<String, Object> props) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", props));
        RoleDefaults.apply(env);
        return env;
    }

    @Test
    void workersAndTopologyNeitherMigrateNorCheckTheDatabaseTheyNeverUse() {
        for (String roles : new String[] {"worker", "topology", "topology, worker"}) {
            StandardEnvironment env = env(Map.of("sluice.roles", roles));
            assertThat(env.getProperty("spring.flyway.enabled")).as(roles).isEqualTo("false");
            assertThat(env.getProperty("management.health.db.enabled"))
                    .as(roles)
                    .isEqualTo("false");
        }
    }

    @Test
    void gatewaysAndPersistenceKeepTheDatabase() {
        for (String roles :
                new String[] {"gateway", "persistence", "worker,gateway", "gateway,topology,worker,persistence"}) {
            assertThat(env(Map.of("sluice.roles", roles)).getProperty("spring.flyway.enabled"))
                    .as(roles)
                    .isNull();
        }
    }

    @Test
    void anExplicitSettingWins() {
        assertThat(env(Map.of("sluice.roles", "worker", "spring.flyway.enabled", "true"))
                        .getProperty("spring.flyway.enabled"))
                .isEqualTo("true");
    }
}
