package dev.sluice.app.health;

import dev.sluice.bridge.route.StreamRouter;
import dev.sluice.worker.loop.WorkerLoop;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code loops}: DOWN when a background loop this process depends on has stopped: the gateway's
 * stream router (no token would reach a client) or the worker loop (no prompt would start, or an
 * answer could not be written to Kafka). Each logs why when it stops; this makes it visible to
 * the orchestrator, whose liveness probe restarts the process.
 */
@Component("loops")
public class LoopsHealthIndicator implements HealthIndicator {
    private final ObjectProvider<StreamRouter> router;
    private final ObjectProvider<WorkerLoop> worker;

    public LoopsHealthIndicator(ObjectProvider<StreamRouter> router, ObjectProvider<WorkerLoop> worker) {
        this.router = router;
        this.worker = worker;
    }

    @Override
    public Health health() {
        Map<String, String> loops = new LinkedHashMap<>();
        router.ifAvailable(r -> loops.put("stream-router", r.alive() ? "running" : "stopped"));
        worker.ifAvailable(w -> loops.put("worker-loop", w.alive() ? "running" : "stopped"));
        boolean down = loops.containsValue("stopped");
        return (down ? Health.down() : Health.up()).withDetails(loops).build();
    }
}
