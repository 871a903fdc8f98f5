package dev.sluice.persistence.cdc;

import dev.sluice.schemas.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the audit stream is behind. Two views, because they fail differently: the engine's
 * lag (how old the last change it handled was, in seconds) shows a slow handler; the slot's lag
 * (WAL bytes PostgreSQL keeps for the slot) shows a stopped engine, and is what fills a disk.
 * The slot is read on a timer, not at scrape time, so a slow database never stalls a scrape.
 */
public final class CdcMetrics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CdcMetrics.class);
    private static final String SLOT_LAG = """
            SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint
            FROM pg_replication_slots WHERE slot_name = ?""";

    private final MeterRegistry registry;
    private final DataSource dataSource;
    private final String slotName;
    private final AtomicLong lagMs = new AtomicLong();
    private final AtomicLong slotLagBytes = new AtomicLong(-1);
    private final ConcurrentHashMap<String, Counter> events = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    public CdcMetrics(MeterRegistry registry, DataSource dataSource, String slotName, Duration slotPollInterval) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.slotName = slotName;
        Gauge.builder(MeterNames.CDC_LAG, lagMs, v -> v.get() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the last change the audit stream handled (Debezium ms behind source)")
                .register(registry);
        Gauge.builder(MeterNames.CDC_SLOT_LAG, slotLagBytes, AtomicLong::get)
                .baseUnit("bytes")
                .description("WAL bytes between the current LSN and the slot's confirmed flush LSN (-1: no slot)")
                .register(registry);
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sluice-cdc-slot-lag").daemon().factory());
        timer.scheduleWithFixedDelay(this::refreshSlotLag, 0, slotPollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void changeHandled(String table, String op) {
        events.computeIfAbsent(
                        table + "/" + op,
                        k -> Counter.builder(MeterNames.CDC_EVENTS)
                                .tag("table", table)
                                .tag("op", op)
                                .description("Change events streamed to the audit topic")
                                .register(registry))
                .increment();
    }

    /** The newest change handled was committed at {@code sourceTsMs}. */
    void caughtUpTo(long sourceTsMs, long nowMs) {
        if (sourceTsMs > 0) lagMs.set(Math.max(0, nowMs - sourceTsMs));
    }

    /** A heartbeat carries no table change; it only says the engine has caught up to its time. */
    void heartbeat(long sourceTsMs, long nowMs) {
        if (sourceTsMs > 0) lagMs.set(Math.max(0, nowMs - sourceTsMs));
    }

    public long slotLagBytes() {
        return slotLagBytes.get();
    }

    public double lagSeconds() {
        return lagMs.get() / 1000.0;
    }

    void refreshSlotLag() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SLOT_LAG)) {
            ps.setQueryTimeout(5);
            ps.setString(1, slotName);
            try (ResultSet rs = ps.executeQuery()) {
                slotLagBytes.set(rs.next() ? rs.getLong(1) : -1);
            }
        } catch (SQLException e) {
            log.debug("cannot read lag of slot {}: {}", slotName, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
