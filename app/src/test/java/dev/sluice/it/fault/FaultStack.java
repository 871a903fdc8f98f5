package dev.sluice.it.fault;

import dev.sluice.app.SluiceApplication;
import dev.sluice.embedded.EmbeddedPostgresServer;
import dev.sluice.embedded.EmbeddedRedis;
import dev.sluice.gateway.auth.DevKey;
import dev.sluice.gateway.auth.DevTokens;
import dev.sluice.it.Models;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Sluice stack of its own for a fault test, so breaking a component never disturbs the
 * shared {@code TestStack}: Redis and PostgreSQL embedded, Kafka given by the test (a
 * {@link KraftCluster} or a single broker), every role in one Spring context on stories260K.
 */
final class FaultStack implements AutoCloseable {
    private final String kafkaBootstrap;
    private final EmbeddedRedis redis;
    private final EmbeddedPostgresServer postgres;
    private final ConfigurableApplicationContext app;
    private final DevTokens tokens;

    /** @param extra Spring properties on top of the defaults (replication, timeouts) */
    FaultStack(Path dir, String kafkaBootstrap, Map<String, String> extra) {
        this.kafkaBootstrap = kafkaBootstrap;
        try {
            Files.createDirectories(dir.resolve("native"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("de.kherud.llama.tmpdir", dir.resolve("native").toString());
        redis = new EmbeddedRedis(dir.resolve("redis"), 0).start();
        try {
            postgres = new EmbeddedPostgresServer(dir.resolve("postgres"), 0).start();
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        try {
            app = startApp(dir, kafkaBootstrap, extra);
        } catch (RuntimeException e) {
            // A stack that did not start must not leave its Redis and PostgreSQL processes behind.
            postgres.close();
            redis.close();
            throw e;
        }
        tokens = new DevTokens(DevKey.loadOrCreate(dir));
    }

    private ConfigurableApplicationContext startApp(Path dir, String kafkaBootstrap, Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("sluice.kafka.bootstrap", kafkaBootstrap);
        props.put("sluice.redis.url", redis.url());
        props.put("sluice.db.url", postgres.jdbcUrl());
        props.put("sluice.data-dir", dir.toString());
        props.put("sluice.model", Models.require("stories260K.gguf").toString());
        props.put("sluice.dev.enabled", "true");
        props.put("sluice.engine.slots", "4");
        // The audit stream is not under test here and costs a CPU on a 2-core machine.
        props.put("sluice.cdc.enabled", "false");
        props.put("sluice.instance-id", "fault-" + dir.getFileName());
        props.put("server.port", "0");
        props.put("spring.jmx.enabled", "false");
        props.putAll(extra);
        return new SpringApplication(SluiceApplication.class)
                .run(props.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    /**
     * Deletes a fault test's directory once everything in it has stopped, so repeated runs do not
     * fill the temp directory; {@code native/} stays, since this JVM may still load llama.cpp from it.
     */
    static void deleteData(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder())
                    .filter(p -> !p.startsWith(dir.resolve("native")) && !p.equals(dir))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    String token(String user) {
        return tokens.mint(user, Duration.ofHours(1));
    }

    String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** Rows in PostgreSQL's {@code responses} table for these correlation ids (one per answer at most: it is the key). */
    int responseRows(List<String> correlationIds) {
        try (Connection c = app.getBean(DataSource.class).getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM responses WHERE message_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", correlationIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count response rows: " + e.getMessage(), e);
        }
    }

    EmbeddedPostgresServer postgres() {
        return postgres;
    }

    <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    EmbeddedRedis redis() {
        return redis;
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            postgres.close();
            redis.close();
        }
    }
}
