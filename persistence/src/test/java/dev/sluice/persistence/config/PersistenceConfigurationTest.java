package dev.sluice.persistence.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedKafka;
import dev.sluice.persistence.history.ConversationHistory;
import dev.sluice.persistence.testing.Await;
import dev.sluice.persistence.testing.Completions;
import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import dev.sluice.persistence.testing.EmbeddedRedisServer;
import dev.sluice.persistence.testing.Sql;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The role switch: Spring builds, starts and closes the persistence pieces only for their role. */
class PersistenceConfigurationTest {
    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;
    private static EmbeddedRedisServer redis;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.startTemporary();
        postgres = EmbeddedPostgresServer.start();
        redis = EmbeddedRedisServer.start();
        kafka.createTopics(2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (redis != null) redis.close();
        if (postgres != null) postgres.close();
        if (kafka != null) kafka.close();
    }

    private static ApplicationContextRunner runner(String roles) {
        return new ApplicationContextRunner()
                .withUserConfiguration(PersistenceConfiguration.class, HistoryConfiguration.class)
                .withBean(DataSource.class, postgres::dataSource, d -> d.setDestroyMethodName(""))
                .withBean(RedisClient.class, redis::client, d -> d.setDestroyMethodName(""))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(
                        dev.sluice.schemas.crypto.ContentCipher.class,
                        () -> dev.sluice.schemas.crypto.ContentCipher.DISABLED)
                .withPropertyValues(
                        "sluice.roles=" + roles,
                        "sluice.kafka.bootstrap=" + kafka.bootstrap(),
                        "spring.datasource.url=" + postgres.jdbcUrl(),
                        "spring.datasource.username=postgres",
                        "sluice.cache.ttl=10m");
    }

    @Test
    void theGatewayRoleGetsTheHistoryButNoSinks() {
        runner("gateway").run(context -> {
            assertThat(context).hasSingleBean(ConversationHistory.class);
            assertThat(context).doesNotHaveBean(PersistenceRole.class);
        });
    }

    @Test
    void thePersistenceRoleRunsSinksAndCaptureAndStopsThemOnShutdown() throws Exception {
        PersistenceRole[] role = new PersistenceRole[1];
        runner("persistence").run(context -> {
            assertThat(context).doesNotHaveBean(ConversationHistory.class);
            role[0] = context.getBean(PersistenceRole.class);
            assertThat(role[0].isRunning()).isTrue();

            Completions.send(
                    kafka.bootstrap(),
                    List.of(Completions.turn("wired-conv", "wendy", 0, System.currentTimeMillis(), "wired-key")));
            Await.equals(
                    "the completion in PostgreSQL",
                    Duration.ofSeconds(40),
                    () -> Sql.count(
                            postgres.dataSource(),
                            "SELECT count(*) FROM responses WHERE conversation_id = 'wired-conv'"),
                    1L);
            try (var connection = redis.client().connect()) {
                Await.until(
                        "the answer in Redis with the configured TTL",
                        Duration.ofSeconds(40),
                        () -> connection.sync().ttl("sluice:cache:wired-key"),
                        ttl -> ttl > 0 && ttl <= 600);
            }
            Await.equals(
                    "the capture slot in use",
                    Duration.ofSeconds(40),
                    () -> Sql.count(
                            postgres.dataSource(),
                            "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'sluice_audit' AND active"),
                    1L);
        });
        assertThat(role[0].isRunning()).isFalse();
        Await.equals(
                "the capture slot released",
                Duration.ofSeconds(40),
                () -> Sql.count(
                        postgres.dataSource(),
                        "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'sluice_audit' AND active"),
                0L);
    }
}
