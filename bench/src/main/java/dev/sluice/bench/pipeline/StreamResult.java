package dev.sluice.bench.pipeline;

/**
 * One streamed response as the client saw it, times in milliseconds from the request's
 * scheduled start (open loop: a late send counts against the system, not for it).
 *
 * @param ttftMs   first non-empty content delta; NaN when none arrived
 * @param gapsMs   time between consecutive content deltas
 * @param lastMs   the last content delta
 * @param tokens   content deltas received
 * @param error    why it failed (status, error event, exception), or null
 */
public record StreamResult(double ttftMs, double[] gapsMs, double lastMs, int tokens, String error) {

    public boolean ok() {
        return error == null;
    }

    static StreamResult failed(String error) {
        return new StreamResult(Double.NaN, new double[0], Double.NaN, 0, error);
    }
}
