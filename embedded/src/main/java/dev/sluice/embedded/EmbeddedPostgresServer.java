package dev.sluice.embedded;

import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortInUseException;
import dev.sluice.schemas.net.PortReservation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL from zonky's linux-amd64 binaries. {@code wal_level=logical} so Debezium can
 * stream changes of the conversation tables; data kept across restarts. PostgreSQL needs its
 * port before it binds (zonky's own pick binds 0 and closes, which races), so port 0 means a
 * {@link LocalPorts} reservation, held until {@link #close()}: {@link #stop()} and
 * {@link #start()} bring it back on the same port, as an outage test needs.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final Path dataDir;
    private final int requestedPort;
    private final Map<String, String> serverConfig;
    private boolean deleteOnClose;
    private boolean stopWithJvm = true;
    private @Nullable PortReservation reservation;
    private int port;
    private @Nullable EmbeddedPostgres postgres;

    /** @param port the port to bind; 0 picks a free one ({@link #port()} tells which once started) */
    public EmbeddedPostgresServer(Path dataDir, int port) {
        this(dataDir, port, Map.of("fsync", "on"));
    }

    /**
     * @param serverConfig {@code postgresql.conf} settings over zonky's defaults (which include
     *                     {@code fsync=off} and {@code synchronous_commit=off}: fine for a test, not for data
     *                     one keeps or a benchmark one reports)
     */
    public EmbeddedPostgresServer(Path dataDir, int port, Map<String, String> serverConfig) {
        this.dataDir = dataDir;
        this.requestedPort = port;
        this.port = port;
        this.serverConfig = Map.copyOf(serverConfig);
    }

    /** PostgreSQL on any free port in a temporary directory deleted on close; {@link #stop()} and {@link #start()} keep the port. */
    public static EmbeddedPostgresServer startTemporary(Map<String, String> serverConfig) {
        try {
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(
                    Files.createTempDirectory("sluice-pg-").resolve("data"), 0, serverConfig);
            server.deleteOnClose = true;
            return server.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a directory for a temporary PostgreSQL", e);
        }
    }

    /**
     * Whether PostgreSQL stops by itself when this JVM shuts down (the default, so a test that
     * never closes it leaves no server behind). Dev mode turns it off and stops PostgreSQL after
     * every client has closed: a JVM's shutdown hooks run at the same time, so zonky's hook
     * stopped the database while the audit stream and the sinks were still closing.
     */
    public EmbeddedPostgresServer stopWithJvm(boolean stop) {
        this.stopWithJvm = stop;
        return this;
    }

    /**
     * Stops a PostgreSQL that a process which ended without stopping it left running on this data
     * directory (its postmaster.pid names a live postgres): SIGTERM, a smart shutdown, which ends
     * as soon as no client is connected (the dead owner's connections went with it, and dev mode's
     * worker stops with its parent). {@code pg_ctl} is not used: it refuses to run as root, as
     * containers often do. Only for the directory's owner.
     */
    public void stopLeftover() {
        LeftoverServer.find(dataDir.resolve("postmaster.pid"), dataDir, command -> command.endsWith("/postgres"))
                .ifPresent(h -> {
                    h.destroy();
                    LeftoverServer.awaitEnd(h, "PostgreSQL", 30);
                    LeftoverServer.stopped("PostgreSQL", h);
                });
    }

    public Path dataDirectory() {
        return dataDir;
    }

    /** Valid once started. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres?user=postgres&reWriteBatchedInserts=true";
    }

    public int port() {
        if (port == 0) throw new IllegalStateException("embedded PostgreSQL in " + dataDir + " has not started");
        return port;
    }

    public EmbeddedPostgresServer start() {
        try {
            Files.createDirectories(dataDir.getParent());
            if (port != 0) {
                postgres = LocalPorts.startRetryingBusyExec("embedded PostgreSQL", () -> launch(port));
            } else {
                LocalPorts.Reserved<EmbeddedPostgres> started =
                        LocalPorts.startOnReservedPort("embedded PostgreSQL", this::launch);
                postgres = started.server();
                reservation = started.reservation();
                port = started.port();
            }
            return this;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot start embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private EmbeddedPostgres launch(int on) throws Exception {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(stopWithJvm)
                    .setPort(on)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_wal_senders", "4")
                    .setServerConfig("max_replication_slots", "4")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(30));
            serverConfig.forEach(builder::setServerConfig);
            return builder.start();
        } catch (Exception e) {
            // pg_ctl's failure does not say why; a port someone else now listens on does.
            if (!LocalPorts.canBind(on)) throw new PortInUseException(on, "PostgreSQL", e);
            throw e;
        }
    }

    /** Stops PostgreSQL (fast shutdown, connections cut), keeping its data and port. */
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
            postgres = null;
        }
    }

    @Override
    public void close() {
        stop();
        if (reservation != null) {
            reservation.close();
            reservation = null;
        }
        port = requestedPort;
        Path parent = dataDir.getParent();
        if (deleteOnClose && parent != null) Directories.deleteRecursively(parent);
    }
}
