package dev.sluice.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The bridge's settings: the README's defaults, and a value out of range that stops the start naming its property. */
class BridgeSettingsBindingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BridgeSettings.class)
    static class Settings {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void unsetSettingsTakeTheDocumentedDefaults() {
        runner.run(context -> {
            BridgeSettings settings = context.getBean(BridgeSettings.class);
            assertThat(settings.heartbeat()).isEqualTo(Duration.ofSeconds(15));
            assertThat(settings.cancelGrace()).isEqualTo(Duration.ofSeconds(10));
            assertThat(settings.queueCapacity()).isEqualTo(1024);
            assertThat(settings.partitionAffinity()).isTrue();
        });
    }

    @Test
    void aZeroCancelGraceMeansAtOnceAndIsAccepted() {
        runner.withPropertyValues("sluice.bridge.cancel-grace=0")
                .run(context -> assertThat(context.getBean(BridgeSettings.class).cancelGrace())
                        .isZero());
    }

    @Test
    void anEmptyQueueStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("sluice.bridge.queue-capacity=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("sluice.bridge.queue-capacity")
                    .hasMessageContaining("must be greater than or equal to 1");
        });
    }

    @Test
    void aNegativeHeartbeatStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("sluice.bridge.heartbeat=-1s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("sluice.bridge.heartbeat");
        });
    }
}
