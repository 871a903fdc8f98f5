package dev.sluice.gateway.ratelimit;

import dev.sluice.gateway.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Applies the limits after authentication and before the body is parsed: starting a chat
 * completion takes a chat slot (even one that turns out invalid, so a flood of garbage is
 * limited too); every other authenticated /v1 call (models, history, resume, cancel, delete)
 * takes a slot of the user's separate read bucket, so none is a free way to load Kafka or the
 * database. The headers report the bucket the call spent. The user is the authenticated
 * principal; no header (X-Forwarded-For, User-Agent, X-Request-Id) takes part.
 */
public final class RateLimitInterceptor implements HandlerInterceptor {
    static final String CHAT_PATH = "/v1/chat/completions";

    private final RateLimiter limiter;

    public RateLimitInterceptor(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) return true;
        // The matched mapping, not the raw URI: "/v1/chat/%63ompletions" reaches the same
        // controller and must take a slot too.
        boolean starts = "POST".equals(request.getMethod())
                && CHAT_PATH.equals(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        Decision d;
        try {
            d = starts ? limiter.admit(principal.getName()) : limiter.admitRead(principal.getName());
        } catch (RedisUnavailableException e) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "server_error",
                    null,
                    "rate_limiter_unavailable",
                    "The rate limiter cannot reach its store, and this server refuses requests it cannot count; try again shortly.",
                    Map.of("Retry-After", "5"));
        }
        if (!d.known()) return true;
        response.setHeader("X-RateLimit-Limit", Integer.toString(d.limit()));
        response.setHeader("X-RateLimit-Remaining", Integer.toString(d.remaining()));
        response.setHeader("X-RateLimit-Reset", Long.toString(d.resetSeconds()));
        if (d.admitted()) return true;
        String message = !starts
                ? "Rate limit reached: " + d.limit()
                        + " calls other than chat completions per window for this user. Retry after "
                        + d.retryAfterSeconds() + " s."
                : "requests".equals(d.refusedFor())
                        ? "Rate limit reached: " + d.limit() + " requests per window for this user. Retry after "
                                + d.retryAfterSeconds() + " s."
                        : "Token budget reached: this user spent its tokens per minute. Retry after "
                                + d.retryAfterSeconds() + " s.";
        throw new ApiException(
                HttpStatus.TOO_MANY_REQUESTS,
                "requests".equals(d.refusedFor()) ? "requests" : "tokens",
                null,
                "rate_limit_exceeded",
                message,
                Map.of("Retry-After", Long.toString(d.retryAfterSeconds())));
    }
}
