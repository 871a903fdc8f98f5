package dev.sluice.persistence.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * PostgreSQL 17 in a temp directory, with logical decoding on (what Debezium's pgoutput needs).
 * It can be stopped and started again on the same port and data, to test an outage; the pooled
 * {@link #dataSource()} survives that, as an application's pool would.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final Path dataDir;
    private final Map<String, String> serverConfig;
    private int port;
    private EmbeddedPostgres postgres;
    private final HikariDataSource dataSource;

    private EmbeddedPostgresServer(Path dataDir, Map<String, String> serverConfig, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.serverConfig = serverConfig;
        this.postgres = postgres;
        this.port = postgres.getPort();
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
        Path dir = Files.createTempDirectory("sluice-pg-");
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dir, Map.copyOf(serverConfig), launch(dir, 0, serverConfig));
        Flyway.configure().dataSource(server.dataSource).locations("classpath:db/migration").load().migrate();
        return server;
    }

    private static EmbeddedPostgres launch(Path dir, int port, Map<String, String> serverConfig) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "4")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(30));
        serverConfig.forEach(builder::setServerConfig);
        if (port > 0) builder.setPort(port);
        return builder.start();
    }

    /** Includes {@code reWriteBatchedInserts}, as a production URL for the sink should. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?reWriteBatchedInserts=true";
    }

    public Path dataDirectory() {
        return dataDir;
    }

    public int port() {
        return port;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** Stops the server (fast shutdown: open connections are cut), keeping its data. */
    public void stop() throws IOException {
        postgres.close();
        postgres = null;
    }

    /** Starts it again on the same port and data. */
    public void restart() throws IOException {
        postgres = launch(dataDir, port, serverConfig);
    }

    @Override
    public void close() throws IOException {
        dataSource.close();
        if (postgres != null) postgres.close();
        TestFiles.deleteRecursively(dataDir);
    }
}
