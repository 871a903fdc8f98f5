package dev.sluice.schemas.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

/** Roles switch beans by whole name: a role named inside another name never switches it on. */
class ConditionalOnRoleTest {

    @Configuration
    static class Beans {
        @Bean
        @ConditionalOnRole("gateway")
        String gatewayBean() {
            return "gateway";
        }

        @Bean
        @ConditionalOnRole("worker")
        String workerBean() {
            return "worker";
        }
    }

    @ConditionalOnRole("persistence")
    @Configuration
    static class PersistenceOnly {
        @Bean
        Integer persistenceBean() {
            return 1;
        }
    }

    private static List<String> beansFor(@Nullable String roles) {
        MockEnvironment env = new MockEnvironment();
        if (roles != null) env.setProperty("sluice.roles", roles);
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.setEnvironment(env);
            context.register(Beans.class, PersistenceOnly.class);
            context.refresh();
            return Arrays.stream(context.getBeanDefinitionNames())
                    .filter(n -> n.endsWith("Bean"))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "gateway                  | gatewayBean",
                "worker                   | workerBean",
                "gateway,worker           | gatewayBean,workerBean",
                "' Gateway , PERSISTENCE '| gatewayBean,persistenceBean",
                "topology                 | ''",
            })
    void runsExactlyTheNamedRoles(String roles, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));

        assertThat(beansFor(roles)).containsExactlyElementsOf(want);
    }

    @Test
    void unsetRolesRunEveryRole() {
        assertThat(beansFor(null)).containsExactly("gatewayBean", "persistenceBean", "workerBean");
    }

    @Test
    void blankRolesRunNone() {
        assertThat(beansFor(" ")).isEmpty();
    }

    @Test
    void aRoleNameContainingGatewayIsNotTheGateway() {
        // The old check, '${sluice.roles}'.contains('gateway'), started the gateway here.
        assertThat("api-gateway".contains("gateway")).isTrue();

        assertThatThrownBy(() -> beansFor("api-gateway"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown role 'api-gateway'")
                .hasMessageContaining("gateway, topology, worker, persistence");
        assertThatThrownBy(() -> Roles.parse("gateways")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Roles.runs("worker", "gateway")).isFalse();
    }

    @Test
    void aConditionNamingNoRoleIsAnError() {
        assertThatThrownBy(() -> Roles.runs("gateway", "gatway"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown role 'gatway'");
    }
}
