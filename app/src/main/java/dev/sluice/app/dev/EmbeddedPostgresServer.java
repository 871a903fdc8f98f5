package dev.sluice.app.dev;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PostgreSQL from zonky's linux-amd64 binaries. {@code wal_level=logical} so Debezium can
 * stream changes of the conversation tables; data kept across restarts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    public EmbeddedPostgresServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port == 0 ? FreePorts.pick() : port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&reWriteBatchedInserts=true";
    }

    public int port() {
        return port;
    }

    public EmbeddedPostgresServer start() {
        try {
            Files.createDirectories(dataDir.getParent());
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_wal_senders", "4")
                    .setServerConfig("max_replication_slots", "4")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "on")
                    .start();
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
            postgres = null;
        }
    }
}
