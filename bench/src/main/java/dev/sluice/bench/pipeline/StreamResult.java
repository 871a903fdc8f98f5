package dev.sluice.bench.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * One streamed response as the client saw it, times in milliseconds from the request's
 * scheduled start (open loop: a late send counts against the system, not for it).
 *
 * @param ttftMs   first non-empty content delta; NaN when none arrived
 * @param gapsMs   time between consecutive content deltas
 * @param lastMs   the last content delta
 * @param tokens   content deltas received, or, against the mock, the mock's tokens in them (a delta can carry several)
 * @param error    why it failed (status, error event, exception), or null
 * @param tokenAtMs when each token arrived (against the mock; empty otherwise): a merged delta's tokens share its time
 */
public record StreamResult(
        double ttftMs,
        double[] gapsMs,
        double lastMs,
        int tokens,
        @Nullable String error,
        int deltas,
        double[] tokenAtMs) {

    public StreamResult(double ttftMs, double[] gapsMs, double lastMs, int tokens, @Nullable String error) {
        this(ttftMs, gapsMs, lastMs, tokens, error, tokens, new double[0]);
    }

    public boolean ok() {
        return error == null;
    }

    static StreamResult failed(String error) {
        return new StreamResult(Double.NaN, new double[0], Double.NaN, 0, error);
    }
}
