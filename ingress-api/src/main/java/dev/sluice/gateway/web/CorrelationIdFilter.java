package dev.sluice.gateway.web;

import dev.sluice.schemas.id.Ids;
import dev.sluice.schemas.log.LogKeys;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request its correlation id before anything else runs (security included), so
 * even a 401 can be found in the logs by the id the client got back. The id is always minted
 * here: it routes the response's tokens (the bridge mints it in a {@code chat.stream} partition
 * this gateway reads), so a client must never choose it, or it could name another user's stream.
 * A well-formed {@code X-Request-Id} from the client is kept for tracing only: MDC key
 * {@code client_request_id} and response header {@code X-Client-Request-Id}. The id travels as
 * request attribute {@link #ATTRIBUTE}, MDC key {@code requestId}, response header
 * {@code X-Request-Id} and (set by the publisher) a Kafka header.
 */
public final class CorrelationIdFilter extends OncePerRequestFilter {
    public static final String ATTRIBUTE = "sluice.correlationId";
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = LogKeys.REQUEST_ID;
    public static final String CLIENT_HEADER = "X-Client-Request-Id";
    public static final String CLIENT_MDC_KEY = "client_request_id";

    private final MeterRegistry meters;
    private final Supplier<String> ids;

    /** @param ids mints correlation ids (the bridge's partition-affine ids in the gateway role) */
    public CorrelationIdFilter(MeterRegistry meters, Supplier<String> ids) {
        this.meters = meters;
        this.ids = ids;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(AdmissionClock.ATTRIBUTE, new AdmissionClock(meters, System.nanoTime()));
        String id = ids.get();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        String offered = request.getHeader(HEADER);
        if (offered != null && Ids.isAcceptableClientId(offered)) {
            response.setHeader(CLIENT_HEADER, offered);
            MDC.put(CLIENT_MDC_KEY, offered);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
            MDC.remove(CLIENT_MDC_KEY);
        }
    }

    /** The id of the request being served, for code that has the request but not the filter. */
    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String s ? s : Ids.newId();
    }
}
