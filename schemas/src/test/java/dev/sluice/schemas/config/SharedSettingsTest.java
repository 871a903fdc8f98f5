package dev.sluice.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.cache.CacheSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The shared settings bind as the roles see them: defaults, Spring's units, and a start that fails naming the property. */
class SharedSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({KafkaSettings.class, RedisSettings.class, ProcessSettings.class, CacheSettings.class
    })
    static class Settings {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class)
            .withPropertyValues("sluice.instance-id=test-1");

    @Test
    void unsetSettingsTakeTheDefaultsTheReadmeLists() {
        runner.run(context -> {
            KafkaSettings kafka = context.getBean(KafkaSettings.class);
            assertThat(kafka.bootstrap()).isEqualTo("127.0.0.1:9092");
            assertThat(kafka.replication()).isEqualTo((short) 1);
            assertThat(kafka.partitions()).isEqualTo(6);
            assertThat(kafka.createTopics()).isTrue();
            assertThat(kafka.security().authenticates()).isFalse();
            assertThat(context.getBean(RedisSettings.class).timeout()).isEqualTo(Duration.ofMillis(250));
            assertThat(context.getBean(ProcessSettings.class).dataDir()).isEqualTo(Path.of(".sluice"));
            assertThat(context.getBean(ProcessSettings.class).dev().enabled()).isFalse();
            assertThat(context.getBean(CacheSettings.class).ttl()).isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void durationsTakeSpringsUnitsAndIsoForm() {
        runner.withPropertyValues(
                        "sluice.cache.ttl=90m", "sluice.cache.lookup-timeout=PT0.05S", "sluice.redis.timeout=2s")
                .run(context -> {
                    assertThat(context.getBean(CacheSettings.class).ttl()).isEqualTo(Duration.ofMinutes(90));
                    assertThat(context.getBean(CacheSettings.class).lookupTimeout())
                            .isEqualTo(Duration.ofMillis(50));
                    assertThat(context.getBean(RedisSettings.class).timeout()).isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    void aValueOutOfRangeStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("sluice.kafka.partitions=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("sluice.kafka.partitions")
                    .hasMessageContaining("must be greater than or equal to 1");
        });
    }

    @Test
    void aZeroRedisTimeoutStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("sluice.redis.timeout=0ms").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("sluice.redis.timeout");
        });
    }

    @Test
    void aMissingInstanceIdStopsTheStartNamingTheProperty() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("sluice.instance-id");
        });
    }

    @Test
    void theKafkaPasswordStaysOutOfToString() {
        runner.withPropertyValues("sluice.kafka.username=sluice-worker", "sluice.kafka.password=hunter2")
                .run(context -> assertThat(context.getBean(KafkaSettings.class).toString())
                        .contains("sluice-worker")
                        .doesNotContain("hunter2"));
    }
}
