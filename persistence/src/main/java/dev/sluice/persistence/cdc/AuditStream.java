package dev.sluice.persistence.cdc;

import dev.sluice.persistence.erasure.ErasurePropagator;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Debezium engine that streams the conversation tables' changes (pgoutput,
 * publication and replica identity set up by the Flyway migration) to {@code sluice.audit},
 * with its offsets in a Kafka topic so a restart resumes where it stopped.
 *
 * <p>Debezium retries what it knows to be transient (a lost connection) by itself. If the
 * engine stops anyway while this stream is open, it is built again after a growing delay, so
 * capture comes back on its own once the database does; the chat path never waits for it.
 */
public final class AuditStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditStream.class);
    private static final Duration MAX_RESTART_DELAY = Duration.ofSeconds(60);

    private final CdcSettings settings;
    private final ChangeEventHandler handler;
    private final ScheduledExecutorService executor;
    private volatile @Nullable DebeziumEngine<ChangeEvent<String, String>> engine;
    private volatile boolean running;
    private Duration restartDelay = Duration.ofSeconds(1);

    public AuditStream(
            CdcSettings settings,
            Producer<String, String> auditProducer,
            ErasurePropagator erasure,
            CdcMetrics metrics,
            Clock clock) {
        this.settings = settings;
        this.handler = new ChangeEventHandler(auditProducer, erasure, metrics, clock, () -> running);
        this.executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sluice-audit-stream").daemon().factory());
    }

    /**
     * Makes sure the replication slot exists (created here, at once, if it does not), then starts
     * the engine in the background. The slot is what makes PostgreSQL keep every change for the
     * audit stream; Debezium would create it only once its engine has connected, seconds later,
     * and whatever was committed before that (the first rows of a fresh deployment, an erasure
     * that came in first) was never captured: no audit record, no Redis clean-up, no erasure
     * event. The persistence role calls this before its sinks write anything.
     */
    public void start() {
        ensureSlot();
        running = true;
        executor.execute(this::runEngine);
    }

    /**
     * Creates the logical replication slot ({@code pgoutput}) unless it exists. Best effort: a
     * database that cannot be reached or a user without the REPLICATION attribute is logged, and
     * Debezium creates the slot itself once it connects, as it did before.
     */
    void ensureSlot() {
        Properties login = new Properties();
        login.setProperty("user", settings.user());
        login.setProperty("password", settings.password() == null ? "" : settings.password());
        login.setProperty("connectTimeout", "10");
        // Creating a slot waits for the transactions running at that moment to end: bounded.
        login.setProperty("options", "-c statement_timeout=30s");
        login.setProperty("ApplicationName", "sluice-audit-slot");
        String url = "jdbc:postgresql://" + settings.host() + ":" + settings.port() + "/" + settings.database();
        try (Connection c = DriverManager.getConnection(url, login)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, settings.slotName());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) return;
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT lsn FROM pg_create_logical_replication_slot(?, 'pgoutput')")) {
                ps.setString(1, settings.slotName());
                try (ResultSet rs = ps.executeQuery()) {
                    log.info(
                            "audit stream: created replication slot {} at {}",
                            settings.slotName(),
                            rs.next() ? rs.getString(1) : "?");
                }
            }
        } catch (SQLException e) {
            if ("42710".equals(e.getSQLState())) return; // another instance created it meanwhile
            log.warn(
                    "audit stream: could not create replication slot {} ahead of Debezium (SQLState {}); it will be"
                            + " created when the engine connects, and changes committed before then are not captured",
                    settings.slotName(),
                    e.getSQLState());
        }
    }

    private void runEngine() {
        DebeziumEngine<ChangeEvent<String, String>> current;
        // Built under the lock, so close() either sees this engine or stops it being built.
        synchronized (this) {
            if (!running) return;
            current = DebeziumEngine.create(Json.class)
                    .using(settings.engineProperties())
                    .using(this::stopped)
                    .notifying(handler)
                    .build();
            engine = current;
        }
        current.run();
    }

    private void stopped(boolean success, String message, @Nullable Throwable error) {
        if (!running) {
            log.info("audit stream stopped: {}", message);
            return;
        }
        log.error(
                "audit stream stopped unexpectedly ({}); restarting in {} s", message, restartDelay.toSeconds(), error);
        Duration delay = restartDelay;
        restartDelay = restartDelay.multipliedBy(2).compareTo(MAX_RESTART_DELAY) > 0
                ? MAX_RESTART_DELAY
                : restartDelay.multipliedBy(2);
        executor.schedule(this::runEngine, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        DebeziumEngine<ChangeEvent<String, String>> current;
        synchronized (this) {
            running = false;
            current = engine;
        }
        if (current != null) current.close();
        executor.shutdown();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) log.warn("audit stream did not stop within 30 s");
    }
}
