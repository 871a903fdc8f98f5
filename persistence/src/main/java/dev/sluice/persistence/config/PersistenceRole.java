package dev.sluice.persistence.config;

import dev.sluice.persistence.cdc.AuditStream;
import dev.sluice.persistence.sink.CompletionSink;
import dev.sluice.schemas.lifecycle.LoopsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the persistence role's runtime pieces once the whole context is up (so Flyway has
 * created the tables and the publication) and closes them, in reverse order, on shutdown.
 */
public final class PersistenceRole implements SmartLifecycle, LoopsReport {
    private static final Logger log = LoggerFactory.getLogger(PersistenceRole.class);

    private final CompletionSink historySink;
    private final CompletionSink cacheSink;
    private final @Nullable AuditStream auditStream;
    private final List<AutoCloseable> resources;
    private volatile boolean running;

    /** @param resources closed after the pieces stop (connections, producers, timers) */
    public PersistenceRole(
            CompletionSink historySink,
            CompletionSink cacheSink,
            @Nullable AuditStream auditStream,
            List<AutoCloseable> resources) {
        this.historySink = historySink;
        this.cacheSink = cacheSink;
        this.auditStream = auditStream;
        this.resources = List.copyOf(resources);
    }

    @Override
    public void start() {
        // The audit stream first: its replication slot must exist before a sink writes a row, or
        // the first changes (and an erasure among them) are never captured.
        if (auditStream != null) auditStream.start();
        historySink.start();
        cacheSink.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List<AutoCloseable> order = new ArrayList<>();
        if (auditStream != null) order.add(auditStream);
        order.add(cacheSink);
        order.add(historySink);
        order.addAll(resources);
        for (AutoCloseable c : order) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** The two sinks by name: one that stopped means history or the response cache is no longer written. */
    @Override
    public Map<String, Boolean> loops() {
        return Map.of(historySink.name(), historySink.alive(), cacheSink.name(), cacheSink.alive());
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
