package dev.sluice.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.EmbeddedPostgresServer;
import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A role that starts while PostgreSQL is not yet accepting connections (started after the app, a
 * restart, or just slow to log in on a loaded host) waits for it instead of exiting: with the
 * pool's 5 s connection timeout alone, Flyway's migration failed the start after 5 s (a compose
 * gateway died that way in ComposeBootTest on a machine at load 70).
 */
class DatabaseStartupTest {
    @TempDir
    Path dir;

    @Test
    void migrationWaitsForADatabaseThatComesUpAfterTheApplication() throws Exception {
        PropertySource<?> shipped = new PropertiesPropertySourceLoader()
                .load("application.properties", new ClassPathResource("application.properties"))
                .getFirst();
        try (PortReservation port = LocalPorts.reserve();
                EmbeddedPostgresServer postgres = new EmbeddedPostgresServer(dir.resolve("pg"), port.port())) {
            // PostgreSQL comes up 8 s after the application starts: longer than one connection timeout.
            CompletableFuture<Void> late = CompletableFuture.runAsync(() -> {
                sleep(8_000);
                postgres.start();
            });
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
                    .withInitializer(
                            ctx -> ctx.getEnvironment().getPropertySources().addLast(shipped))
                    .withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port.port()
                            + "/postgres?user=postgres")
                    .run(ctx -> {
                        assertThat(ctx).hasNotFailed();
                        JdbcTemplate jdbc = new JdbcTemplate(ctx.getBean(javax.sql.DataSource.class));
                        assertThat(jdbc.queryForObject(
                                        "select count(*) from flyway_schema_history where success", Integer.class))
                                .as("the migration ran once PostgreSQL was up")
                                .isPositive();
                    });
            late.get(60, TimeUnit.SECONDS);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
