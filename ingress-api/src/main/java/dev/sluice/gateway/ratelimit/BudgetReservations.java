package dev.sluice.gateway.ratelimit;

import dev.sluice.gateway.api.ApiException;
import dev.sluice.gateway.chat.TokenReservations;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The token budget as the chat service sees it: a chat reserves its {@code max_tokens} (or the
 * default) before it is queued, and {@link UsageMeter} settles the reservation to the real usage
 * when the completion is recorded.
 */
final class BudgetReservations implements TokenReservations {
    private final RateLimiter limiter;

    BudgetReservations(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void reserve(String user, String correlationId, int maxTokens) {
        long budget = limiter.tokensPerMinute();
        if (budget > 0 && maxTokens > budget) {
            // Waiting would never help: say so instead of a 429 to retry forever.
            throw ApiException.invalid(
                    "max_tokens",
                    "max_tokens_over_budget",
                    "max_tokens (" + maxTokens + ") is more than this user's token budget of " + budget
                            + " tokens per minute; ask for fewer.");
        }
        Decision d;
        try {
            d = limiter.reserve(user, correlationId, maxTokens);
        } catch (RedisUnavailableException e) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "server_error",
                    null,
                    "rate_limiter_unavailable",
                    "The rate limiter cannot reach its store, and this server refuses requests it cannot count; try again shortly.",
                    Map.of("Retry-After", "5"));
        }
        if (d.admitted()) return;
        throw new ApiException(
                HttpStatus.TOO_MANY_REQUESTS,
                "tokens",
                null,
                "rate_limit_exceeded",
                "Token budget reached: this request reserves max_tokens = " + maxTokens
                        + " and this user's tokens per minute (" + budget + ") are reserved or spent. Retry after "
                        + d.retryAfterSeconds() + " s, or ask for fewer tokens.",
                Map.of("Retry-After", Long.toString(d.retryAfterSeconds())));
    }

    @Override
    public void release(String user, String correlationId) {
        limiter.settle(user, correlationId, 0);
    }
}
