package dev.sluice.gateway.web;

import dev.sluice.schemas.metrics.MeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Times the gateway's own work on one request: from the first servlet filter to the broker's
 * ack of the request on {@code chat.requests} (auth, rate limit, parsing, validation, produce),
 * as {@code sluice_gateway_admission_seconds}. Started by {@link CorrelationIdFilter}, stopped by
 * the publisher on the same request thread.
 */
public final class AdmissionClock {
    public static final String METER = MeterNames.GATEWAY_ADMISSION;
    static final String ATTRIBUTE = "sluice.admissionClock";

    private final MeterRegistry meters;
    private final long startNanos;
    private boolean stopped;

    AdmissionClock(MeterRegistry meters, long startNanos) {
        this.meters = meters;
        this.startNanos = startNanos;
    }

    /** Records the admission of the request being served on this thread, once; a no-op elsewhere. */
    public static void acked() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) return;
        if (attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof AdmissionClock clock)
            clock.stop();
    }

    private void stop() {
        if (stopped) return;
        stopped = true;
        // Looked up per call (a map read) so a benchmark can remove the meter after its warm-up.
        Timer.builder(METER)
                .description(
                        "Gateway work per admitted request: filters, auth, rate limit, validation, produce until the Kafka ack")
                .publishPercentiles(0.5, 0.9, 0.99, 0.999)
                .percentilePrecision(2)
                .register(meters)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
