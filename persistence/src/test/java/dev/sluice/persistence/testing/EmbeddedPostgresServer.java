package dev.sluice.persistence.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * Dev mode's PostgreSQL ({@link dev.sluice.embedded.EmbeddedPostgresServer}: logical decoding on,
 * a reserved port) in a temporary directory, migrated with the module's Flyway scripts. It can be
 * stopped and started again on the same port and data, to test an outage; the pooled
 * {@link #dataSource()} survives that, as an application's pool would.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final dev.sluice.embedded.EmbeddedPostgresServer server;
    private final HikariDataSource dataSource;

    private EmbeddedPostgresServer(dev.sluice.embedded.EmbeddedPostgresServer server) {
        this.server = server;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setUsername("postgres");
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(2_000);
        config.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(config);
    }

    /** Started and migrated with the module's Flyway scripts. */
    public static EmbeddedPostgresServer start() throws IOException {
        return start(Map.of());
    }

    /**
     * @param serverConfig extra {@code postgresql.conf} settings; the embedded defaults include
     *                     {@code synchronous_commit=off}, which a benchmark should turn back on
     */
    public static EmbeddedPostgresServer start(Map<String, String> serverConfig) throws IOException {
        EmbeddedPostgresServer server =
                new EmbeddedPostgresServer(dev.sluice.embedded.EmbeddedPostgresServer.startTemporary(serverConfig));
        Flyway.configure()
                .dataSource(server.dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return server;
    }

    /** Includes {@code reWriteBatchedInserts}, as a production URL for the sink should. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres?reWriteBatchedInserts=true";
    }

    public Path dataDirectory() {
        return server.dataDirectory();
    }

    public int port() {
        return server.port();
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** Stops the server (fast shutdown: open connections are cut), keeping its data and port. */
    public void stop() throws IOException {
        server.stop();
    }

    /** Starts it again on the same port and data. */
    public void restart() throws IOException {
        server.start();
    }

    @Override
    public void close() throws IOException {
        dataSource.close();
        server.close();
    }
}
