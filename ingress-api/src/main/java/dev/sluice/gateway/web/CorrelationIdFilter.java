package dev.sluice.gateway.web;

import dev.sluice.schemas.id.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request its correlation id before anything else runs (security included), so
 * even a 401 can be found in the logs by the id the client got back. A well-formed
 * {@code X-Request-Id} from the client is kept, anything else is replaced by a fresh UUIDv7.
 * The id travels as request attribute {@link #ATTRIBUTE}, MDC key {@code requestId}, response
 * header {@code X-Request-Id} and (set by the publisher) a Kafka header.
 */
public final class CorrelationIdFilter extends OncePerRequestFilter {
    public static final String ATTRIBUTE = "sluice.correlationId";
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private final MeterRegistry meters;

    public CorrelationIdFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(AdmissionClock.ATTRIBUTE, new AdmissionClock(meters, System.nanoTime()));
        String offered = request.getHeader(HEADER);
        String id = offered != null && Ids.isAcceptableClientId(offered) ? offered : Ids.newId();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** The id of the request being served, for code that has the request but not the filter. */
    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id instanceof String s ? s : Ids.newId();
    }
}
