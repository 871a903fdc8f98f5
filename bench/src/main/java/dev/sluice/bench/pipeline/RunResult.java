package dev.sluice.bench.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * One rate's numbers, latencies in milliseconds.
 *
 * @param overhead           client TTFT minus the mock's configured TTFT: what sits in front of the model
 * @param completionOverhead client time of the last token minus when the mock sent it (ttft + (n-1) · inter-token delay)
 * @param gaps               time between consecutive tokens at the client
 * @param tokensPerSecond    tokens delivered per second of the measured window
 * @param tokenLag           per token after the first: its arrival − the first token's − k × the mock's inter-token delay,
 *                           i.e. what the path (coalescing included) added to that token's trip, beyond the first token's
 * @param tokensPerDelta     tokens per content delta the client received (1 without coalescing)
 */
public record RunResult(
        int rate,
        double seconds,
        int sent,
        int completed,
        int errors,
        @Nullable String firstError,
        Summary ttft,
        Summary overhead,
        Summary completionOverhead,
        Summary gaps,
        double tokensPerSecond,
        Summary tokenLag,
        double tokensPerDelta) {

    public RunResult(
            int rate,
            double seconds,
            int sent,
            int completed,
            int errors,
            @Nullable String firstError,
            Summary ttft,
            Summary overhead,
            Summary completionOverhead,
            Summary gaps,
            double tokensPerSecond) {
        this(
                rate,
                seconds,
                sent,
                completed,
                errors,
                firstError,
                ttft,
                overhead,
                completionOverhead,
                gaps,
                tokensPerSecond,
                Summary.of(new double[0]),
                1);
    }

    /** Sustained: every request answered in full, and the overhead's p99 within the budget. */
    public boolean sustained(double overheadP99BudgetMs) {
        return errors == 0 && completed == sent && sent > 0 && overhead.p99() <= overheadP99BudgetMs;
    }
}
