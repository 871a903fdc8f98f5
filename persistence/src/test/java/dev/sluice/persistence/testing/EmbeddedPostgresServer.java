package dev.sluice.persistence.testing;

import com.zaxxer.hikari.HikariConfig;
import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortInUseException;
import dev.sluice.schemas.net.PortReservation;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * PostgreSQL 17 in a temp directory, with logical decoding on (what Debezium's pgoutput needs),
 * on a reserved port ({@link LocalPorts}; zonky's own pick binds port 0 and closes it, which races
 * with outgoing connections). It can be stopped and started again on the same port and data, to
 * test an outage; the pooled {@link #dataSource()} survives that, as an application's pool would.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final Path dataDir;
    private final Map<String, String> serverConfig;
    private final PortReservation reservation;
    private final int port;
    private EmbeddedPostgres postgres;
    private final HikariDataSource dataSource;

    private EmbeddedPostgresServer(Path dataDir, Map<String, String> serverConfig, PortReservation reservation, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.serverConfig = serverConfig;
        this.reservation = reservation;
        this.postgres = postgres;
        this.port = reservation.port();
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
        EmbeddedPostgresServer server;
        try {
            server = LocalPorts.startWithRetry("test PostgreSQL", () -> {
                PortReservation port = LocalPorts.reserve();
                try {
                    return new EmbeddedPostgresServer(dir, Map.copyOf(serverConfig), port, launch(dir, port.port(), serverConfig));
                } catch (IOException | RuntimeException e) {
                    port.close();
                    throw e;
                }
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
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
                .setPGStartupWait(Duration.ofSeconds(30))
                .setPort(port);
        serverConfig.forEach(builder::setServerConfig);
        try {
            return builder.start();
        } catch (IOException | RuntimeException e) {
            // pg_ctl's failure does not say why; a port another process now listens on does.
            if (!LocalPorts.canBind(port)) throw new PortInUseException(port, "PostgreSQL", e);
            throw e;
        }
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
        try {
            postgres = LocalPorts.startRetryingBusyExec("test PostgreSQL", () -> launch(dataDir, port, serverConfig));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        dataSource.close();
        if (postgres != null) postgres.close();
        reservation.close();
        TestFiles.deleteRecursively(dataDir);
    }
}
