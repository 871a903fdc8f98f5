package dev.sluice.app.health;

import dev.sluice.schemas.lifecycle.LoopsReport;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code loops}: DOWN when a background loop this process depends on has stopped: the gateway's
 * stream router (no token would reach a client), model catalog (the model list freezes) and
 * usage meter (token reservations are never settled), the worker loop (no prompt would start, or
 * an answer could not be written to Kafka), its cancellation listener (cancels stop nothing) and
 * the persistence sinks (history or the response cache is no longer written).
 * Each logs why when it stops; this makes it visible to the orchestrator, whose liveness probe
 * restarts the process. Every bean that runs loops reports them by name through the
 * {@link LoopsReport} contract (schemas {@code lifecycle}; each loop's thread is a
 * {@code BackgroundLoop} there), so this class needs no module's internals.
 */
@Component("loops")
public class LoopsHealthIndicator implements HealthIndicator {
    private final ObjectProvider<LoopsReport> reports;

    public LoopsHealthIndicator(ObjectProvider<LoopsReport> reports) {
        this.reports = reports;
    }

    @Override
    public Health health() {
        Map<String, String> loops = new TreeMap<>();
        reports.orderedStream()
                .forEach(r -> r.loops().forEach((name, alive) -> loops.put(name, alive ? "running" : "stopped")));
        boolean down = loops.containsValue("stopped");
        return (down ? Health.down() : Health.up()).withDetails(loops).build();
    }
}
