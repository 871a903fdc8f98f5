package dev.sluice.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The topology's settings: the README's defaults, Spring's units, and a bad value that stops the start naming its property. */
class TopologySettingsBindingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ContextSettings.class, PiiVaultSettings.class, StreamsSettings.class})
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void unsetSettingsTakeTheDocumentedDefaults() {
        runner.run(context -> {
            ContextSettings c = context.getBean(ContextSettings.class);
            assertThat(c.ttl()).isEqualTo(Duration.ofHours(24));
            assertThat(c.maxTurns()).isEqualTo(200);
            assertThat(c.maxBytes()).isEqualTo(DataSize.ofKilobytes(256));
            assertThat(context.getBean(PiiVaultSettings.class).vaultMaxEntries())
                    .isEqualTo(512);
            assertThat(context.getBean(StreamsSettings.class).applicationId()).isEqualTo("sluice-topology");
        });
    }

    @Test
    void tooFewTurnsStopTheStartNamingTheProperty() {
        runner.withPropertyValues("sluice.context.max-turns=1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("sluice.context.max-turns")
                    .hasMessageContaining("must be greater than or equal to 2");
        });
    }

    @Test
    void aMalformedDurationStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("sluice.context.ttl=a day").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("sluice.context.ttl");
        });
    }

    @Test
    void theVaultKeyStaysOutOfToString() {
        runner.withPropertyValues("sluice.pii.vault-key=c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==")
                .run(context -> assertThat(
                                context.getBean(PiiVaultSettings.class).toString())
                        .doesNotContain("c2VjcmV0"));
    }
}
