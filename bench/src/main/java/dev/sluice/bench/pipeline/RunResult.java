package dev.sluice.bench.pipeline;

/**
 * One rate's numbers, latencies in milliseconds.
 *
 * @param overhead           client TTFT minus the mock's configured TTFT: what sits in front of the model
 * @param completionOverhead client time of the last token minus when the mock sent it (ttft + (n-1) · inter-token delay)
 * @param gaps               time between consecutive tokens at the client
 * @param tokensPerSecond    content deltas delivered per second of the measured window
 */
public record RunResult(int rate, double seconds, int sent, int completed, int errors, String firstError,
                        Summary ttft, Summary overhead, Summary completionOverhead, Summary gaps, double tokensPerSecond) {

    /** Sustained: every request answered in full, and the overhead's p99 within the budget. */
    public boolean sustained(double overheadP99BudgetMs) {
        return errors == 0 && completed == sent && sent > 0 && overhead.p99() <= overheadP99BudgetMs;
    }
}
