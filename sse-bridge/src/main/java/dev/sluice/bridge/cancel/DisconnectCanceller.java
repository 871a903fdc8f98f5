package dev.sluice.bridge.cancel;

import dev.sluice.bridge.registry.StreamRegistry;
import dev.sluice.schemas.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels a response its client dropped, unless someone re-attaches within the grace period
 * on any instance. A network blip then loses nothing (the client resumes within the grace),
 * and an abandoned answer stops costing compute.
 *
 * <p>Attachment lives in Redis ({@link StreamRegistry}), so a re-attach on another instance
 * counts. If Redis cannot answer, the response is cancelled: with Redis down no instance can
 * prove ownership for a resume either, so nobody could re-attach to it.
 */
public final class DisconnectCanceller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DisconnectCanceller.class);

    private final StreamRegistry registry;
    private final CancelPublisher publisher;
    private final Duration grace;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sluice-bridge-cancel-grace").daemon().factory());
    private final Counter cancelled;

    public DisconnectCanceller(
            StreamRegistry registry, CancelPublisher publisher, Duration grace, MeterRegistry meters) {
        this.registry = registry;
        this.publisher = publisher;
        this.grace = grace;
        this.cancelled = Counter.builder(MeterNames.BRIDGE_ABANDONED_CANCELLED)
                .description(
                        "responses cancelled because their client left and nobody re-attached within the grace period")
                .register(meters);
    }

    /** Called when a connection ends before its response did; {@code genAtDetach} is from {@link StreamRegistry#detach}. */
    public void detached(String correlationId, String user, long genAtDetach) {
        if (grace.isZero()) {
            timer.execute(() -> check(correlationId, user, genAtDetach));
        } else {
            timer.schedule(() -> check(correlationId, user, genAtDetach), grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void check(String correlationId, String user, long genAtDetach) {
        Boolean abandoned = genAtDetach < 0 ? null : registry.abandoned(correlationId, genAtDetach);
        if (Boolean.FALSE.equals(abandoned)) return;
        publisher.cancel(correlationId, user, "client_disconnected").whenComplete((ok, e) -> {
            if (e != null) log.warn("could not cancel abandoned response {}: {}", correlationId, e.toString());
            else cancelled.increment();
        });
        log.info("response {} abandoned by its client for {}; cancelled", correlationId, grace);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
